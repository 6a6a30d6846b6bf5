package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/** Height of the (bounding) box in pixels; 0 for a negative height, NaN when not finite. */
public final class Height implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.height", "Height",
            "Height of the box (of the bounding box for polygons and masks) in pixels; a negative height counts as 0.",
            ValueKind.NON_NEGATIVE_REAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        double h = annotation.object().h();
        return Double.isFinite(h) ? Math.max(0, h) : Double.NaN;
    }
}
