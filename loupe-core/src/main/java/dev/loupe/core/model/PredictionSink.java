package dev.loupe.core.model;

/**
 * Where a prediction reader streams what it reads: scored shapes (detection, segmentation) or
 * per-image class probabilities (classification), and the problems it found. A prediction that
 * cannot be kept (unknown image or class, score outside [0, 1], no usable shape) is reported as an
 * {@link Issue} and not emitted.
 */
public interface PredictionSink {
    void prediction(Prediction prediction);

    /** The probability the model gives class {@code categoryId} on image {@code imageId}, in [0, 1]. */
    void probability(long imageId, int categoryId, double probability);

    void issue(Issue issue);
}
