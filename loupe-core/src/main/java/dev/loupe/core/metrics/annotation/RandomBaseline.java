package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * A deterministic pseudo-random number in [0, 1) from the annotation id (SplitMix64 finaliser,
 * top 53 bits): a no-signal baseline to compare other metrics with. Never an outlier.
 */
public final class RandomBaseline implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.random", "Random",
            "A uniform pseudo-random number in [0, 1) derived from the annotation id (SplitMix64): a no-signal "
                    + "baseline.",
            ValueKind.UNIT_INTERVAL, MetricDescriptor.ALL_SHAPES, Direction.NONE).withoutOutliers();

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        return uniform(annotation.object().id());
    }

    /** SplitMix64 of the id, as a double in [0, 1). */
    static double uniform(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
