package dev.loupe.api;

/** A hex hash per image (pixel hash, perceptual hash), for grouping duplicates. */
public interface ImageHashMetric extends Metric {
    String compute(ImageContext image);
}
