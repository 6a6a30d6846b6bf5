package dev.loupe.cli;

import dev.loupe.app.overview.ProjectOverview;
import dev.loupe.store.metrics.MetricStats;
import dev.loupe.store.metrics.RuleFinding;
import java.io.PrintWriter;
import java.util.List;

/** The text form of the metric part of {@code loupe info}. */
final class AnalysisText {
    private AnalysisText() {
    }

    static void print(ProjectOverview.Analysis a, PrintWriter out) {
        out.println();
        if (a.summary().lastRun() == null) {
            out.println("Metrics      not analysed yet: run 'loupe analyze PROJECT'");
            return;
        }
        var run = a.summary().lastRun();
        out.printf("Metrics      %d image, %d annotation metrics; %d images analysed; last run %d %s at %s%n",
                a.summary().imageMetrics().size(), a.summary().annotationMetrics().size(), a.summary().analysedImages(),
                run.id(), run.status(), run.finishedAt() == null ? run.startedAt() : run.finishedAt());
        if (a.summary().failures() > 0) {
            out.printf("Failures     %d metric failures, e.g.%n", a.summary().failures());
            a.summary().failureExamples().forEach(e -> out.printf("      %s%n", e));
        }
        outliers("Image metrics", a.imageOutliers(), out);
        outliers("Annotation metrics", a.annotationOutliers(), out);
        out.printf("%nFindings (issue rules; thresholds in README, override in PROJECT/rules.properties)%n");
        int width = a.findings().stream().mapToInt(f -> f.rule().length()).max().orElse(0);
        String name = "  %-" + Math.max(width, 1) + "s ";
        for (RuleFinding f : a.findings()) {
            if (!f.missing().isEmpty()) {
                out.printf(name + "-       needs %s (not computed)%n", f.rule(), String.join(", ", f.missing()));
                continue;
            }
            out.printf(name + "%-7d %s%n", f.rule(), f.count(), f.expression());
            for (String e : f.examples()) {
                out.printf("      %s%n", TerminalText.safe(e));
            }
        }
    }

    /** The table of a scope's metrics that have values (a classification project's object metrics have none). */
    private static void outliers(String heading, List<MetricStats> all, PrintWriter out) {
        List<MetricStats> stats = all.stream().filter(m -> m.count() > 0).toList();
        if (stats.isEmpty()) {
            return;
        }
        out.printf("%n%s (IQR outliers: moderate beyond 1.5 IQR, severe beyond 2.5 IQR)%n", heading);
        out.printf("  %-36s %10s %10s %10s %9s %7s%n", "metric", "Q1", "median", "Q3", "moderate", "severe");
        for (MetricStats m : stats) {
            out.printf("  %-36s %10s %10s %10s %9s %7s%n", m.metricId(), num(m.q1()), num(m.median()), num(m.q3()),
                    m.moderate() == null ? "-" : m.moderate().toString(), m.severe() == null ? "-" : m.severe().toString());
        }
    }

    private static String num(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format("%.3e", v) : String.format("%.4g", v);
    }
}
