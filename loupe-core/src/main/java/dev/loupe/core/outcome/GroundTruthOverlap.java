package dev.loupe.core.outcome;

/**
 * A ground truth's best overlap with the predictions of its class on its image (IoU 0 and null
 * when there is none): how close the model came to an object it missed.
 */
public record GroundTruthOverlap(long annotationId, double bestIou, Long bestPrediction) {
}
