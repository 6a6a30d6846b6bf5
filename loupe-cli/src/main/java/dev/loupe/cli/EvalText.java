package dev.loupe.cli;

import dev.loupe.eval.performance.PerformanceAnalysis;
import dev.loupe.eval.performance.BucketRow;
import dev.loupe.eval.performance.ImportanceReport;
import dev.loupe.eval.performance.MetricImportanceRow;
import dev.loupe.eval.performance.MetricPerformance;
import dev.loupe.eval.performance.PerformanceTable;
import dev.loupe.eval.performance.RateStats;
import dev.loupe.eval.performance.Slice;
import dev.loupe.eval.voc.VocClassResult;
import dev.loupe.eval.voc.VocResult;

import dev.loupe.core.model.Category;
import dev.loupe.eval.classification.ClassReport;
import dev.loupe.eval.classification.ClassificationResult;
import dev.loupe.app.eval.ClassificationEvaluation;
import dev.loupe.store.predictions.PredictionSetInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text form of the performance-by-data sections of {@code loupe eval}. */
final class EvalText {
    private static final int IMPORTANCE_ROWS = 8;

    private EvalText() {
    }

    static void analysis(PerformanceAnalysis a, List<String> by, double iou, PrintWriter out) {
        out.println();
        out.printf("Recall of the %d ground truths by metric (IoU %.2f; 95%% Wilson interval in brackets)%n",
                a.groundTruths().size(), iou);
        byMetric(a.recallByMetric(), by, "objects", "recall", out);
        out.println();
        out.printf("Precision of the %d predictions by metric (IoU %.2f)%n", a.predictions().size(), iou);
        byMetric(a.precisionByMetric(), by, "predictions", "precision", out);
        out.println();
        slices("Worst slices by recall (objects)", a.recallSlices(),
                PerformanceAnalysis.minSupport(a.groundTruths().size()), "objects", out);
        slices("Worst slices by precision (predictions)", a.precisionSlices(),
                PerformanceAnalysis.minSupport(a.predictions().size()), "predictions", out);
        out.println();
        importance("Which metrics go with an object being detected (ground truths)", a.recallImportance(), out);
        importance("Which metrics go with a prediction being a true positive", a.tpImportance(), out);
        out.println("  pearson: correlation with the outcome; MI: mutual information of the metric's deciles with the "
                + "outcome, in bits,");
        out.println("  and above chance (Miller-Madow, nats); forest: share of a 50-tree random forest's impurity "
                + "decrease; a metric");
        out.println("  whose share is not clearly (1.5x) above what a random metric earns is indistinguishable from noise.");
    }

    static void voc(VocResult r, int year, List<dev.loupe.core.model.Category> categories, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "PASCAL VOC%d AP at IoU 0.50 (%s interpolation): mAP %.4f%n", year,
                year == 2007 ? "11-point" : "all-point", r.map());
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        categories.forEach(c -> names.put(c.id(), c.name()));
        out.printf("  %-24s %8s %8s %6s %6s %8s%n", "class", "AP", "objects", "TP", "FP", "ignored");
        for (VocClassResult c : r.classes()) {
            out.printf(Locale.ROOT, "  %-24s %8s %8d %6d %6d %8d%n", names.get(c.categoryId()), num3(c.ap()), c.positives(),
                    c.truePositives(), c.falsePositives(), c.ignored());
        }
        out.println("  VOC matching: each detection, by score, takes its best-IoU object; a taken object makes it a "
                + "duplicate (no fall-back, unlike COCO). Objects VOC marks difficult, and crowd regions, are not "
                + "counted as objects; a detection of one is ignored.");
    }

    private static void byMetric(Map<String, MetricPerformance> tables, List<String> by, String noun, String rate,
                                 PrintWriter out) {
        int shown = 0;
        for (String id : by) {
            MetricPerformance mp = tables.get(id);
            if (mp == null) {
                continue;
            }
            shown++;
            PerformanceTable t = mp.overall();
            out.printf("  %s%n", id);
            for (BucketRow b : t.buckets()) {
                RateStats s = b.stats();
                out.printf(Locale.ROOT, "    %-26s %6d %-11s %s %s  %s%n", range(b), s.count(), noun, rate, rate(s),
                        bar(s.rate()));
            }
            if (t.missing().count() > 0) {
                out.printf(Locale.ROOT, "    %-26s %6d %-11s %s %s%n", "no value", t.missing().count(), noun, rate,
                        rate(t.missing()));
            }
        }
        if (shown == 0) {
            out.println("  none of " + by + " has values here (run 'loupe analyze' for the image and object metrics)");
        }
    }

    private static String range(BucketRow b) {
        return String.format(Locale.ROOT, "[%s, %s%s", num(b.lower()), num(b.upper()), b.upperInclusive() ? "]" : ")");
    }

    private static String rate(RateStats s) {
        return s.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", s.rate(), s.wilsonLow(),
                s.wilsonHigh());
    }

    private static String bar(double rate) {
        return Double.isNaN(rate) ? "" : "#".repeat((int) Math.round(rate * 20));
    }

    private static void slices(String title, List<Slice> slices, int minSupport, String noun, PrintWriter out) {
        out.printf("%s: at least %d %s, %s%n", title, minSupport, noun,
                "each significantly below the overall rate (z >= 3)");
        if (slices.isEmpty()) {
            out.println("  none: no slice of that size is significantly worse than the whole");
        }
        for (int i = 0; i < slices.size(); i++) {
            Slice s = slices.get(i);
            out.printf(Locale.ROOT, "  %d. %s (z %.1f, %.1f %s short)%n", i + 1, s.description(), s.z(), s.score(),
                    noun.equals("objects") ? "detections" : "true positives");
        }
    }

    private static void importance(String title, ImportanceReport r, PrintWriter out) {
        double noise = r.noiseLevel();
        out.printf(Locale.ROOT, "%s: %d items, %d positive; top %d by forest share (noise level %.3f)%n", title,
                r.items(), r.positives(), IMPORTANCE_ROWS, noise);
        if (r.sampleTooSmall()) {
            out.println("  caution, sample too small: " + r.sampleNote());
        }
        out.printf("  %-34s %8s %8s %10s %8s%n", "metric", "pearson", "MI bits", "MI>chance", "forest");
        List<MetricImportanceRow> rows = r.rankedBy(MetricImportanceRow::forestImportance);
        for (MetricImportanceRow row : rows.subList(0, Math.min(IMPORTANCE_ROWS, rows.size()))) {
            out.printf(Locale.ROOT, "  %-34s %8s %8s %10s %8s%s%n", row.metric(), num3(row.pearson()), num3(row.miBits()),
                    num3(row.miCorrectedNats()), num3(row.forestImportance()),
                    row.forestImportance() > 1.5 * noise ? "" : "  (~ noise)");
        }
        if (rows.isEmpty() || !(rows.get(0).forestImportance() > 1.5 * noise)) {
            out.println("  no metric stands out from noise at this sample size");
        }
    }

    private static String num3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.3f" : "%.4g", v);
    }

    static void classification(ClassificationEvaluation ce, PredictionSetInfo set, PrintWriter out) {
        ClassificationResult result = ce.result();
        List<Category> categories = ce.categories();
        Map<String, Long> skipped = ce.skipped();
        out.printf("Classification set \"%s\" (%s): %d images evaluated%s%n", set.name(), set.format(), result.items(),
                skipped.isEmpty() ? "" : "; left out " + skipped);
        out.printf(Locale.ROOT, "Accuracy %.4f%n", result.accuracy());
        result.topK().forEach(t -> out.printf(Locale.ROOT, "Top-%d accuracy %.4f%n", t.k(), t.accuracy()));
        out.printf(Locale.ROOT, "Macro    precision %.4f  recall %.4f  F1 %.4f%n", result.macro().precision(),
                result.macro().recall(), result.macro().f1());
        out.printf(Locale.ROOT, "Weighted precision %.4f  recall %.4f  F1 %.4f%n", result.weighted().precision(),
                result.weighted().recall(), result.weighted().f1());
        out.println();
        out.printf("  %-24s %9s %9s %9s %8s %9s%n", "class", "precision", "recall", "F1", "support", "predicted");
        for (ClassReport c : result.classes()) {
            out.printf(Locale.ROOT, "  %-24s %9.4f %9.4f %9.4f %8d %9d%n", categories.get(c.classIndex()).name(),
                    c.precision(), c.recall(), c.f1(), c.support(), c.predicted());
        }
        out.println();
        out.println("Confusion matrix (rows: true class, columns: predicted class)");
        StringBuilder header = new StringBuilder(String.format("  %-16s", ""));
        for (Category c : categories) {
            header.append(String.format(" %8.8s", c.name()));
        }
        out.println(header);
        long[][] m = result.confusion();
        for (int i = 0; i < m.length; i++) {
            StringBuilder row = new StringBuilder(String.format("  %-16.16s", categories.get(i).name()));
            for (long v : m[i]) {
                row.append(String.format(" %8d", v));
            }
            out.println(row);
        }
    }
}
