package dev.loupe.eval.labels;

/**
 * The parameters of ObjectLab (cleanlab 2.9.0's object-detection label-quality scores); the
 * defaults are cleanlab's.
 *
 * @param alpha                    weight of IoU against centre closeness in the box similarity
 *                                 {@code alpha * IoU + (1 - alpha) * exp(-euclideanFactor * d)}
 * @param lowProbabilityThreshold  predicted boxes at or below this probability never locate a label
 *                                 (badly-located score)
 * @param highProbabilityThreshold predicted boxes below it are never overlooked objects; above it
 *                                 they can swap a label's class
 * @param temperature              softmin temperature pooling box scores into an image score (lower:
 *                                 closer to the minimum)
 * @param euclideanFactor          per-pixel decay of the centre-distance term
 * @param labelOverlapThreshold    two labelled boxes of different classes with IoU at least this are
 *                                 one object labelled twice: both get the lowest swap score
 * @param issueThresholdFactor     a box is an issue when its score is at most this times its class's
 *                                 threshold ({@code apScaleFactor} times the class's mean AP@[.5:.95])
 * @param apScaleFactor            see {@code issueThresholdFactor}
 */
public record ObjectLabParams(double alpha, double lowProbabilityThreshold, double highProbabilityThreshold,
        double temperature, double euclideanFactor, double labelOverlapThreshold, double issueThresholdFactor,
        double apScaleFactor) {
    /** cleanlab's defaults: 0.9, 0.5, 0.95, 0.1, 0.1, 0.95, 0.8, 0.25. */
    public static final ObjectLabParams DEFAULTS = new ObjectLabParams(0.9, 0.5, 0.95, 0.1, 0.1, 0.95, 0.8, 0.25);

    public ObjectLabParams {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1]: " + alpha);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0: " + temperature);
        }
        if (!(lowProbabilityThreshold >= 0 && highProbabilityThreshold <= 1)) {
            throw new IllegalArgumentException("probability thresholds must be in [0, 1]: "
                    + lowProbabilityThreshold + ", " + highProbabilityThreshold);
        }
    }
}
