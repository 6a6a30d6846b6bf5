package dev.loupe.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label-noise figures per (level, error type, score), averaged over the repeats (NaN figures,
 * as an AUROC without clean items, left out of the mean); errors and items are summed.
 */
final class NoiseTable {
    private static final class Cell {
        long errors;
        long items;
        final double[] sum = new double[3];
        final int[] count = new int[3];
    }

    private final Map<String, Cell> cells = new LinkedHashMap<>();

    void add(String level, String type, String score, boolean[] positive, RankingScores r) {
        Cell c = cells.computeIfAbsent(level + "\t" + type + "\t" + score, key -> new Cell());
        for (boolean p : positive) {
            c.errors += p ? 1 : 0;
        }
        c.items += positive.length;
        double[] v = {r.precisionAtK(), r.recallAtK(), r.auroc()};
        for (int i = 0; i < 3; i++) {
            if (!Double.isNaN(v[i])) {
                c.sum[i] += v[i];
                c.count[i]++;
            }
        }
    }

    void print(PrintWriter out, String kLabel) {
        out.printf("  %-6s %-11s %7s %7s  %-34s %6s %6s %6s%n", "level", "error", "errors", "items", "score",
                "P@" + kLabel, "R@" + kLabel, "AUROC");
        String last = "";
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            String[] key = e.getKey().split("\t");
            Cell c = e.getValue();
            String group = key[0] + "\t" + key[1];
            boolean first = !group.equals(last);
            last = group;
            out.printf("  %-6s %-11s %7s %7s  %-34s %6s %6s %6s%n", first ? key[0] : "", first ? key[1] : "",
                    first ? Long.toString(c.errors) : "", first ? Long.toString(c.items) : "", key[2], mean(c, 0),
                    mean(c, 1), mean(c, 2));
        }
        out.flush();
    }

    private static String mean(Cell c, int i) {
        return c.count[i] == 0 ? "-" : String.format("%.3f", c.sum[i] / c.count[i]);
    }
}
