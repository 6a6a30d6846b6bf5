package dev.loupe.core.outcome;

/**
 * At threshold {@code tIndex} (see {@link Thresholds}), prediction {@code predictionId} matched
 * ground truth {@code annotationId} with this IoU. A match to a crowd region makes the prediction
 * ignored (neither TP nor FP), as in COCOeval.
 */
public record Match(int tIndex, long predictionId, long annotationId, double iou, boolean crowd) {
}
