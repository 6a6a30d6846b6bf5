package dev.loupe.cli;

import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.metrics.runner.RunReport;
import java.io.PrintWriter;

/**
 * Progress of a metric run: a bar with rate and ETA redrawn in place on a terminal, or a plain
 * line every 10% (and at least every 10 s) when the output is not a terminal (CI logs, pipes).
 * "saved" counts images whose results are committed: what a killed run keeps. The 100% line waits
 * until everything is saved (it used to say "9600 saved" while the last batch was being written).
 * Progress goes to standard error, so that standard output ({@code --json}, pipes) holds results only.
 */
final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private long lastDecile = -1;
    private double lastLine;
    /** A bar is drawn on the terminal's current line. */
    private boolean barShown;

    private final String label;
    private final String unit;
    private final String rateUnit;

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this(out, terminal, "analyze");
    }

    /** @param label the command name that starts each plain progress line */
    ConsoleProgress(PrintWriter out, boolean terminal, String label) {
        this(out, terminal, label, "images", "img");
    }

    /**
     * @param unit     what is counted ("images", "rows")
     * @param rateUnit its short form in the rate ("img" for img/s)
     */
    ConsoleProgress(PrintWriter out, boolean terminal, String label, String unit, String rateUnit) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.unit = unit;
        this.rateUnit = rateUnit;
    }

    @Override
    public void update(long scanned, long total, long analysed, long saved, double seconds) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) scanned / total);
        double rate = seconds > 0 ? analysed / seconds : 0;
        long remaining = total - scanned;
        String eta = rate > 0 ? duration(remaining / rate) : "?";
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf("\r[%s%s] %d/%d %s  %.1f %s/s  ETA %s   ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                    scanned, total, unit, rate, rateUnit, eta);
            out.flush();
            barShown = true;
            return;
        }
        if (fraction >= 1 && saved < analysed) {
            return;
        }
        long decile = (long) Math.floor(fraction * 10);
        if (decile > lastDecile || seconds - lastLine >= 10) {
            lastDecile = decile;
            lastLine = seconds;
            // Only images are saved as they go; rows of a neighbour search are stored at its end.
            String savedPart = unit.equals("images") ? ", " + saved + " saved" : "";
            out.printf("%s: %d/%d %s (%.0f%%)%s, %.1f %s/s, ETA %s%n", label, scanned, total, unit, fraction * 100,
                    savedPart, rate, rateUnit, eta);
            out.flush();
        }
    }

    @Override
    public void datasetMetric(String id, int number, int count) {
        if (barShown) {
            out.println();
            barShown = false;
        }
        out.printf("%s: dataset metric %d/%d, %s%n", label, number, count, id);
        out.flush();
    }

    @Override
    public void done(RunReport report) {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
