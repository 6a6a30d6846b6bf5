package dev.loupe.eval.voc;

/**
 * VOC evaluation of one class.
 *
 * @param categoryId the Loupe category id
 * @param positives  non-difficult ground truths (the recall denominator, VOC's {@code npos})
 * @param detections all detections of the class
 * @param truePositives  detections matched to a free non-difficult ground truth
 * @param falsePositives detections with best IoU below the threshold, or whose best ground truth
 *                       was already taken by a higher-scored detection (duplicates)
 * @param ignored    detections whose best match is a difficult object: neither TP nor FP, left
 *                   out of the curve
 * @param ap         average precision in [0, 1]; NaN when the class has no positives (undefined,
 *                   and left out of the mAP)
 * @param recall     recall after each ranked, non-ignored detection (length TP + FP); all NaN when
 *                   there are no positives
 * @param precision  precision after each ranked, non-ignored detection, TP / (TP + FP)
 */
public record VocClassResult(int categoryId, int positives, int detections, int truePositives,
                             int falsePositives, int ignored, double ap, double[] recall, double[] precision) {
    public VocClassResult {
        recall = recall.clone();
        precision = precision.clone();
        if (recall.length != precision.length) {
            throw new IllegalArgumentException("recall and precision differ in length");
        }
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }
}
