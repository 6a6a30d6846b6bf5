package dev.loupe.eval.labels;

import java.util.List;

/**
 * ObjectLab's scores for a dataset, one entry per image in input order. All scores are in [0, 1],
 * lower = likelier a label problem.
 *
 * @param images          per-image scores
 * @param issueThresholds per class index: a box score at or below it is an issue (the issue threshold
 *                        factor times the class's scaled mean AP, computed in float32 as cleanlab does)
 */
public record ObjectLabResult(List<ImageScores> images, double[] issueThresholds) {
    public ObjectLabResult {
        images = List.copyOf(images);
    }

    /** Whether a box score of a box of class {@code label} is an issue; NaN (not a candidate) never is. */
    public boolean isIssue(double score, int label) {
        return !Double.isNaN(score) && label < issueThresholds.length && score <= issueThresholds[label];
    }

    /**
     * One image's scores.
     *
     * @param badlyLocated per given box: how well a confident prediction of its class covers it
     *                     (1 when none overlaps)
     * @param swapped      per given box: low when a confident prediction of another class sits on it
     * @param overlooked   per predicted box: low for a confident prediction no given box overlaps;
     *                     NaN for the predicted boxes that are not candidates
     * @param locatedBy    per given box: the index of the prediction its badly-located score comes
     *                     from, -1 for none
     * @param swappedWith  per given box: the index of the other-class prediction its swapped score
     *                     comes from, -1 for none
     * @param badlyLocatedPooled softmin of {@code badlyLocated} (1 without boxes)
     * @param swappedPooled      softmin of {@code swapped}
     * @param overlookedPooled   softmin of the non-NaN {@code overlooked} scores
     * @param score        the image's label-quality score: the geometric mean of the three pooled scores
     * @param issue        cleanlab's {@code find_label_issues} flag: some box scores at most
     *                     {@link ObjectLabParams#issueThresholdFactor} times its class's threshold
     */
    public record ImageScores(double[] badlyLocated, double[] swapped, double[] overlooked, int[] locatedBy,
            int[] swappedWith, double badlyLocatedPooled,
            double swappedPooled, double overlookedPooled, double score, boolean issue) {
    }
}
