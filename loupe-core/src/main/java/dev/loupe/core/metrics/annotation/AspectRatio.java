package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/** w/h of the (bounding) box; NaN when a side is &lt;= 0 or not finite. */
public final class AspectRatio implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.aspect_ratio", "Aspect ratio",
            "Width / height of the box (of the bounding box for polygons and masks); missing when a side is <= 0.",
            ValueKind.NON_NEGATIVE_REAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        ObjectView o = annotation.object();
        double w = o.w();
        double h = o.h();
        if (!(w > 0 && h > 0) || !Double.isFinite(w) || !Double.isFinite(h)) {
            return Double.NaN;
        }
        return w / h;
    }
}
