package dev.loupe.api;

/** A number per image, computed from the decoded pixels (decoded once for all metrics) and the image's objects. */
public interface ImageMetric extends Metric {
    double compute(ImageContext image);

    /** False when the metric needs no pixels (sizes, counts): the runner may then skip decoding. */
    default boolean needsPixels() {
        return true;
    }
}
