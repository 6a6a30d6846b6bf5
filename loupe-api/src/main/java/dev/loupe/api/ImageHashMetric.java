package dev.loupe.api;

/** A hex hash per image (pixel hash, perceptual hash), for grouping duplicates. */
public interface ImageHashMetric extends Metric {
    String compute(ImageContext image);

    /** False when the hash needs no pixels (e.g. of file bytes): the runner may then skip decoding. */
    default boolean needsPixels() {
        return true;
    }
}
