package dev.loupe.eval;

import dev.loupe.core.model.Category;
import java.util.List;

/**
 * Everything a COCO evaluation produced.
 *
 * @param params              the parameters used
 * @param categories          the classes in table order (index k of {@link Accumulation}); when
 *                            class-agnostic the tables have K = 1 and this still lists every class
 * @param accumulation        the precision/recall tables
 * @param summary             the 12 COCO statistics
 * @param perClass            AP/AR per class, in table order (empty when class-agnostic)
 * @param images              number of images evaluated
 * @param groundTruths        ground truths evaluated
 * @param detections          detections evaluated (before the per-image limit)
 * @param droppedGroundTruths ground truths of an image or class not in the evaluation, not counted
 * @param droppedDetections   detections of an image or class not in the evaluation, not counted
 *                            (pycocotools refuses results on unknown images; Loupe records them)
 */
public record EvalResult(EvalParams params, List<Category> categories, Accumulation accumulation, Summary summary,
                         List<ClassMetrics> perClass, int images, int groundTruths, int detections,
                         int droppedGroundTruths, int droppedDetections) {
    public EvalResult {
        categories = List.copyOf(categories);
        perClass = List.copyOf(perClass);
    }

    /**
     * The precision-recall curve of a class at an IoU threshold (area "all", largest detection
     * limit), see {@link PrCurve}.
     *
     * @throws IllegalArgumentException if the class is not evaluated per class, or the IoU
     *                                  threshold is not one of the parameters'
     */
    public PrCurve prCurve(int categoryId, double iouThreshold) {
        if (!params.useCategories()) {
            throw new IllegalArgumentException("class-agnostic evaluation has no per-class curves");
        }
        int k = -1;
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).id() == categoryId) {
                k = i;
            }
        }
        if (k < 0) {
            throw new IllegalArgumentException("category " + categoryId + " was not evaluated");
        }
        int t = params.iouIndex(iouThreshold);
        if (t < 0) {
            throw new IllegalArgumentException("IoU threshold " + iouThreshold + " is not one of "
                    + params.iouThresholds());
        }
        int a = CocoEvaluator.allAreaIndex(params);
        int m = params.maxDets().size() - 1;
        int nR = accumulation.recallThresholdCount();
        if (accumulation.precision(t, 0, k, a, m) <= -1) {
            return new PrCurve(categoryId, iouThreshold, new double[0], new double[0]);
        }
        double[] recall = new double[nR];
        double[] precision = new double[nR];
        for (int r = 0; r < nR; r++) {
            recall[r] = params.recallThresholds().get(r);
            precision[r] = accumulation.precision(t, r, k, a, m);
        }
        return new PrCurve(categoryId, iouThreshold, recall, precision);
    }
}
