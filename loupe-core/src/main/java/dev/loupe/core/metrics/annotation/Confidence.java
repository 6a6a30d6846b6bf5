package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/** The label's confidence as the source gave it; missing when it gave none. Never an outlier. */
public final class Confidence implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.confidence", "Confidence",
            "The label confidence in [0, 1] given by the source (e.g. a model-assisted label); missing when none.",
            ValueKind.UNIT_INTERVAL, MetricDescriptor.ALL_SHAPES, Direction.HIGHER_IS_BETTER).withoutOutliers();

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        return annotation.object().confidence();
    }
}
