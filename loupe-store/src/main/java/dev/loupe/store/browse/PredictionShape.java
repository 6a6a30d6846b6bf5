package dev.loupe.store.browse;

/**
 * A prediction as the Explorer draws it, with its outcome under a set and IoU threshold.
 *
 * @param id           prediction id
 * @param category     predicted class name, or null
 * @param score        confidence
 * @param outcome      {@code tp}, {@code ignored} (matched a crowd region) or the false positive's
 *                     reason: {@code duplicate}, {@code wrong_class}, {@code localisation}, {@code background}
 * @param annotationId the ground truth it matched, or null
 * @param iou          the IoU of that match, or null
 * @param shape        its geometry ({@link Shape#id()} is the prediction id)
 */
public record PredictionShape(long id, String category, double score, String outcome, Long annotationId, Double iou,
                              Shape shape) {
    /** Whether the outcome is a false positive. */
    public boolean falsePositive() {
        return !outcome.equals("tp") && !outcome.equals("ignored");
    }
}
