package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/** Width of the (bounding) box in pixels; 0 for a negative width, NaN when not finite. */
public final class Width implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.width", "Width",
            "Width of the box (of the bounding box for polygons and masks) in pixels; a negative width counts as 0.",
            ValueKind.NON_NEGATIVE_REAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        double w = annotation.object().w();
        return Double.isFinite(w) ? Math.max(0, w) : Double.NaN;
    }
}
