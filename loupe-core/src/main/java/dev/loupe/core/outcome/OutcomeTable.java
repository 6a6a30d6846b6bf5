package dev.loupe.core.outcome;

import java.util.Map;

/**
 * Items of an evaluation at one IoU threshold, column by column, with every numeric metric value,
 * for analysing performance by metric.
 *
 * <p>For predictions ({@code itemType} "prediction") {@code positive} is "true positive" (predictions
 * matched to a crowd region are left out, as COCOeval ignores them) and the metrics are the
 * annotation metrics computed on the prediction, the image metrics of its image and
 * {@code prediction.score}. For ground truths ("annotation") {@code positive} is "missed" (a false
 * negative) and the metrics are its annotation metrics and its image's.
 *
 * @param itemType  "prediction" or "annotation"
 * @param ids       item ids
 * @param imageIds  their images
 * @param classIds  their classes
 * @param positive  TP (predictions) or missed (ground truths)
 * @param iou       IoU of the match at the threshold (predictions; 0 when unmatched), or the best IoU
 *                  with a prediction of the class (ground truths)
 * @param metrics   metric id to values, NaN where missing; sorted by id
 */
public record OutcomeTable(String itemType, long[] ids, long[] imageIds, int[] classIds, boolean[] positive,
                           double[] iou, Map<String, double[]> metrics) {
    public int size() {
        return ids.length;
    }
}
