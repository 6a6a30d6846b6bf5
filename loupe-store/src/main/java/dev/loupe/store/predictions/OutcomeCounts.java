package dev.loupe.store.predictions;

import java.util.List;
import java.util.Map;

/**
 * True positives, false positives (by reason) and false negatives of a detection set at one IoU
 * threshold, overall and per class, from the stored outcomes.
 *
 * @param iouThreshold   the threshold
 * @param truePositives  predictions matched to a non-crowd ground truth
 * @param falsePositives unmatched predictions
 * @param ignored        predictions matched to a crowd region (neither TP nor FP, as in COCOeval)
 * @param falseNegatives non-crowd ground truths with a class and a shape that no prediction matched
 * @param fpReasons      false positives by reason: duplicate, wrong_class, localisation, background
 * @param perClass       the same per class, in class id order
 */
public record OutcomeCounts(double iouThreshold, long truePositives, long falsePositives, long ignored,
                            long falseNegatives, Map<String, Long> fpReasons, List<ClassCounts> perClass) {
    /** The false-positive reasons, in the order of the checks that assign them. */
    public static final List<String> REASONS = List.of("duplicate", "wrong_class", "localisation", "background");

    public OutcomeCounts {
        Map<String, Long> ordered = new java.util.LinkedHashMap<>();
        for (String reason : REASONS) {
            ordered.put(reason, fpReasons.getOrDefault(reason, 0L));
        }
        fpReasons = java.util.Collections.unmodifiableMap(ordered);
        perClass = List.copyOf(perClass);
    }

    /** TP / (TP + FP), NaN without predictions. */
    public double precision() {
        return (double) truePositives / (truePositives + falsePositives);
    }

    /** TP / (TP + FN), NaN without ground truths. */
    public double recall() {
        return (double) truePositives / (truePositives + falseNegatives);
    }

    /** Counts of one class. */
    public record ClassCounts(int categoryId, String name, long truePositives, long falsePositives, long ignored,
                              long falseNegatives) {
        public double precision() {
            return (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return (double) truePositives / (truePositives + falseNegatives);
        }
    }
}
