package dev.loupe.app.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.eval.DetectionEvaluation;
import dev.loupe.eval.IouType;
import dev.loupe.eval.ParallelReads;
import dev.loupe.eval.performance.Bucketing;
import dev.loupe.eval.performance.PerformanceAnalysis;
import dev.loupe.store.predictions.OutcomeCounts;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.List;
import java.util.Locale;

/**
 * Everything {@code loupe eval} and {@code GET /api/eval} show for a detection set at one IoU
 * threshold of the outcome grid: the COCO evaluation, the stored TP/FP/FN counts and the
 * performance-by-data analysis.
 *
 * @param set        the prediction set
 * @param evaluation the COCO evaluation (pycocotools-exact)
 * @param counts     TP, FP (with reasons) and FN at the threshold
 * @param analysis   recall and precision by metric, metric importance, worst slices
 */
public record DetectionReport(PredictionSetInfo set, DetectionEvaluation evaluation, OutcomeCounts counts,
                              PerformanceAnalysis analysis) {
    /** Buckets per metric of the web app (the CLI's default). */
    public static final int DEFAULT_BUCKETS = 5;
    /** Conditions per worst slice of the web app (the CLI's default). */
    public static final int DEFAULT_SLICE_CONDITIONS = 2;

    /**
     * Evaluates a detection set.
     *
     * @param tIndex          the outcome threshold's index on {@link dev.loupe.core.outcome.Thresholds}' grid
     * @param bucketing       how metrics are bucketed
     * @param sliceConditions metric conditions per worst slice, 1 to 3
     */
    public static DetectionReport run(ProjectStore store, PredictionSetInfo set, int tIndex, Bucketing bucketing,
                                      int sliceConditions) {
        // The COCO evaluation and the analysis of the stored outcomes need nothing of each other: the
        // outcomes are read and analysed, on a connection of their own, while the evaluation runs.
        DetectionEvaluation[] evaluation = new DetectionEvaluation[1];
        OutcomeCounts[] counts = new OutcomeCounts[1];
        PerformanceAnalysis[] analysis = new PerformanceAnalysis[1];
        try (ProjectStore outcomes = store.duplicate()) {
            ParallelReads.runAll(List.of(() -> evaluation[0] = cocoEvaluation(store, set), () -> {
                counts[0] = outcomes.predictions().outcomeCounts(set.id(), tIndex);
                analysis[0] = analysis(outcomes, set, tIndex, bucketing, sliceConditions);
            }));
        }
        return new DetectionReport(set, evaluation[0], counts[0], analysis[0]);
    }

    /**
     * The COCO evaluation of a set: the part of a report that no IoU threshold of the grid changes.
     * The annotations and the two halves of the predictions are read at once, on connections of their
     * own (reading 600 000 boxes through JDBC took longer than evaluating them).
     */
    public static DetectionEvaluation cocoEvaluation(ProjectStore store, PredictionSetInfo set) {
        IouType type = IouType.valueOf(set.iouType().toUpperCase(Locale.ROOT));
        try (ProjectStore labels = store.duplicate(); ProjectStore secondHalf = store.duplicate()) {
            return DetectionEvaluation.run(store.labels().images(), store.labels().categories(), labels.labels()::forEachAnnotation,
                    List.of(c -> store.predictions().forEach(set.id(), 0, 2, c), c -> secondHalf.predictions().forEach(set.id(), 1, 2, c)),
                    type);
        }
    }

    /** A report on a COCO evaluation already made ({@link #cocoEvaluation}) at one outcome threshold. */
    public static DetectionReport run(ProjectStore store, PredictionSetInfo set, DetectionEvaluation ev, int tIndex,
                                      Bucketing bucketing, int sliceConditions) {
        return new DetectionReport(set, ev, store.predictions().outcomeCounts(set.id(), tIndex),
                analysis(store, set, tIndex, bucketing, sliceConditions));
    }

    private static PerformanceAnalysis analysis(ProjectStore store, PredictionSetInfo set, int tIndex, Bucketing bucketing,
                                                int sliceConditions) {
        return PerformanceAnalysis.of(store.predictions().groundTruthOutcomes(set.id(), tIndex),
                store.predictions().predictionOutcomes(set.id(), tIndex), store.labels().categories(), bucketing, sliceConditions);
    }

    /** The JSON form: {@link EvalJson#detection} plus {@link EvalJson#analysis}, NaN written as null. */
    public ObjectNode json() {
        ObjectNode root = EvalJson.detection(set, evaluation, counts);
        EvalJson.analysis(root, analysis);
        EvalJson.finite(root);
        return root;
    }
}
