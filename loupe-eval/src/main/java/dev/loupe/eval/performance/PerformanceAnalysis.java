package dev.loupe.eval.performance;

import dev.loupe.core.model.Category;
import dev.loupe.core.outcome.OutcomeTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performance of a detection set as a function of the data, at one IoU threshold: recall of the
 * ground truths and precision of the predictions per metric bucket, the association of every
 * metric with the outcome, and the worst slices.
 *
 * @param groundTruths       the evaluated ground truths (outcome: detected)
 * @param predictions        the predictions (outcome: true positive; crowd-matched ones left out)
 * @param recallByMetric     recall of the ground truths per bucket of each metric
 * @param precisionByMetric  precision of the predictions per bucket of each metric
 * @param recallImportance   association of each ground-truth metric with "detected"
 * @param tpImportance       association of each prediction metric with "true positive"
 * @param iouTpImportance    association of each prediction metric with IoU x TP (a continuous target)
 * @param recallSlices       worst slices of the ground truths by recall
 * @param precisionSlices    worst slices of the predictions by precision
 */
public record PerformanceAnalysis(OutcomeTable groundTruths, OutcomeTable predictions,
                           Map<String, MetricPerformance> recallByMetric, Map<String, MetricPerformance> precisionByMetric,
                           ImportanceReport recallImportance, ImportanceReport tpImportance,
                           ImportanceReport iouTpImportance, List<Slice> recallSlices, List<Slice> precisionSlices) {

    /** Metrics that describe the labelling process rather than the data; left out of the analysis. */
    private static final List<String> EXCLUDED = List.of("annotation.confidence", "annotation.degenerate",
            "annotation.out_of_bounds");

    /**
     * Runs the three analyses.
     *
     * @param maxConditions metric conditions per worst slice, 1 to 3
     */
    public static PerformanceAnalysis of(OutcomeTable gts, OutcomeTable preds, List<Category> categories, Bucketing bucketing,
                                  int maxConditions) {
        Map<Integer, String> names = new LinkedHashMap<>();
        categories.forEach(c -> names.put(c.id(), c.name()));
        Map<String, double[]> gtMetrics = usable(gts);
        Map<String, double[]> predMetrics = usable(preds);
        boolean[] detected = new boolean[gts.size()];
        for (int i = 0; i < detected.length; i++) {
            detected[i] = !gts.positive()[i];
        }
        double[] iouTp = new double[preds.size()];
        for (int i = 0; i < iouTp.length; i++) {
            iouTp[i] = preds.positive()[i] ? preds.iou()[i] : 0;
        }
        ImportanceParams ip = ImportanceParams.defaults();
        return new PerformanceAnalysis(gts, preds,
                PerformanceByMetric.computeAll(gtMetrics, detected, gts.classIds(), bucketing),
                PerformanceByMetric.computeAll(predMetrics, preds.positive(), preds.classIds(), bucketing),
                MetricImportance.compute(gtMetrics, detected, ip),
                MetricImportance.compute(predMetrics, preds.positive(), ip),
                MetricImportance.compute(predMetrics, iouTp, ip),
                gts.size() == 0 ? List.of() : WorstSlices.find(gtMetrics, detected, gts.classIds(), names,
                        SliceParams.recallOfObjects().withMinSupport(minSupport(gts.size()))
                                .withMaxConditions(maxConditions).withMaxResults(10)),
                preds.size() == 0 ? List.of() : WorstSlices.find(predMetrics, preds.positive(), preds.classIds(), names,
                        SliceParams.precisionOfPredictions().withMinSupport(minSupport(preds.size()))
                                .withMaxConditions(maxConditions).withMaxResults(10)));
    }

    /**
     * The smallest slice worth reporting: 2% of the items, at least 10 and at most 30 (with 273
     * objects, 10; from 1 500 on, 30).
     */
    public static int minSupport(int items) {
        return Math.max(10, Math.min(30, items / 50));
    }

    private static Map<String, double[]> usable(OutcomeTable t) {
        Map<String, double[]> out = new LinkedHashMap<>();
        t.metrics().forEach((id, values) -> {
            if (!EXCLUDED.contains(id) && !constant(values)) {
                out.put(id, values);
            }
        });
        return out;
    }

    /** True when a metric has fewer than two distinct finite values: it cannot explain anything. */
    private static boolean constant(double[] values) {
        double first = Double.NaN;
        for (double v : values) {
            if (Double.isFinite(v)) {
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }
}
