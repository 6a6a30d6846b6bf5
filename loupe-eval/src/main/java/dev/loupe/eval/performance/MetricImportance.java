package dev.loupe.eval.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which metrics predict the outcome: for every metric, its Pearson correlation with the target,
 * the mutual information between its quantile bins and the target, and its impurity importance in
 * a small random forest of regression trees that predicts the target from all metrics at once
 * (see {@link MetricImportanceRow} for each measure's exact definition).
 *
 * <p>Targets: the TP indicator ({@link #compute(Map, boolean[], ImportanceParams)}: 1 for a true
 * positive or a detected ground truth) or a continuous score such as IoU x TP
 * ({@link #compute(Map, double[], ImportanceParams)}). The three measures answer different
 * questions: Pearson sees only linear, monotone association and ignores missing values; mutual
 * information sees any shape, counts missingness as information, but looks at one metric at a
 * time; the forest sees interactions and shares credit among redundant metrics.
 *
 * <p>Cost: O(metrics x n log n) for the binning, plus about trees x depth x (metrics / 3) x
 * min(n, samplesPerTree) for the forest.
 */
public final class MetricImportance {
    private MetricImportance() {
    }

    /** The importance of each metric for a binary outcome (true = 1). */
    public static ImportanceReport compute(Map<String, double[]> metrics, boolean[] outcome, ImportanceParams params) {
        double[] y = new double[outcome.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = outcome[i] ? 1 : 0;
        }
        return compute(metrics, y, params);
    }

    /**
     * The importance of each metric for a target value per item.
     *
     * @param metrics name to values, each with one entry per item (NaN = missing); iteration order
     *                is kept in the report
     * @param target  the target per item, finite; a target of only 0s and 1s is treated as binary
     * @param params  bins, forest size, seed and the "sample too small" limits
     * @throws IllegalArgumentException naming the metric or item when lengths differ or the target
     *                                  is not finite
     */
    public static ImportanceReport compute(Map<String, double[]> metrics, double[] target, ImportanceParams params) {
        int n = target.length;
        boolean binary = true;
        long positives = 0;
        for (int i = 0; i < n; i++) {
            double v = target[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("target of item " + i + " is " + v);
            }
            binary &= v == 0 || v == 1;
            positives += v > 0 ? 1 : 0;
        }
        List<String> names = new ArrayList<>(metrics.keySet());
        List<double[]> columns = new ArrayList<>(metrics.values());
        for (int f = 0; f < names.size(); f++) {
            if (columns.get(f).length != n) {
                throw new IllegalArgumentException("metric " + names.get(f) + " has " + columns.get(f).length
                        + " values for " + n + " items");
            }
        }
        int[] targetBins = binary ? toInts(target) : Association.miBins(target, params.miBins());
        double targetEntropy = n == 0 ? 0 : Association.entropy(targetBins);
        double[] forest = new double[names.size() + 1];
        if (params.trees() > 0 && n > 0 && !names.isEmpty()) {
            forest = ForestImportance.compute(columns, target, params);
        } else {
            java.util.Arrays.fill(forest, Double.NaN);
        }
        double noiseShare = forest[names.size()];
        double[] forestShare = forest;
        List<MetricImportanceRow> rows = java.util.stream.IntStream.range(0, names.size()).parallel().mapToObj(f -> {
            double[] x = columns.get(f);
            int[] bins = Association.miBins(x, params.miBins());
            double mi = n == 0 ? 0 : Association.mutualInformation(bins, targetBins);
            double chance = n == 0 ? 0 : (Association.distinct(bins) - 1) * (Association.distinct(targetBins) - 1)
                    / (2.0 * n);
            return new MetricImportanceRow(names.get(f), Association.finiteCount(x), Association.pearson(x, target),
                    mi, mi / Math.log(2), targetEntropy > 0 ? Math.min(1, mi / targetEntropy) : Double.NaN,
                    Math.max(0, mi - chance), forestShare[f]);
        }).toList();
        String note = sampleNote(n, binary, positives, params);
        return new ImportanceReport(n, binary, positives, !note.isEmpty(), note, targetEntropy, noiseShare, rows);
    }

    private static String sampleNote(int n, boolean binary, long positives, ImportanceParams params) {
        if (n < params.minItems()) {
            return "only " + n + " items (at least " + params.minItems() + " needed)";
        }
        if (binary && positives < params.minPerOutcome()) {
            return "only " + positives + " positives (at least " + params.minPerOutcome() + " needed)";
        }
        if (binary && n - positives < params.minPerOutcome()) {
            return "only " + (n - positives) + " negatives (at least " + params.minPerOutcome() + " needed)";
        }
        return "";
    }

    private static int[] toInts(double[] binary) {
        int[] out = new int[binary.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) binary[i];
        }
        return out;
    }
}
