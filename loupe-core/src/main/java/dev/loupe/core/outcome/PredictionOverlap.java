package dev.loupe.core.outcome;

/**
 * A prediction's best overlaps with the non-crowd ground truths of its image: of its own class
 * and of any other class (IoU 0 and null annotation when there is none). They give the reason of a
 * false positive at any threshold t: duplicate (same-class IoU &gt;= t, the object was taken by a
 * higher score), wrong class (other-class IoU &gt;= t), localisation (same-class IoU &gt;=
 * {@link Thresholds#BACKGROUND_IOU}), wrong class again when only another class overlaps that much,
 * else background.
 */
public record PredictionOverlap(long predictionId, double sameClassIou, Long sameClassAnnotation, double otherClassIou,
                                Long otherClassAnnotation) {
}
