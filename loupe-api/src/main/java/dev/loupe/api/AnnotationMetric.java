package dev.loupe.api;

/** A number per annotation (and per prediction), from its shape, its image's other objects and pixels. */
public interface AnnotationMetric extends Metric {
    double compute(AnnotationContext annotation);

    /** False when the metric needs no pixels (geometry only): the runner may then skip decoding. */
    default boolean needsPixels() {
        return false;
    }
}
