package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * 1 when the geometry cannot describe an object: a box with a side &lt;= 0 or a non-finite
 * coordinate; a polygon or mask whose area ({@link ObjectView#area()}) is not positive (no
 * vertices, collinear vertices, NaN coordinates, an empty mask). Else 0.
 */
public final class Degenerate implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.degenerate", "Degenerate geometry",
            "1 when a box has a side <= 0 or a non-finite coordinate, or a polygon or mask has zero (or undefined) "
                    + "area; else 0.",
            ValueKind.FLAG, ShapeKind.SPATIAL, Direction.LOWER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        ObjectView o = annotation.object();
        if (o.shape() == ShapeKind.BOX) {
            boolean finite = Double.isFinite(o.x()) && Double.isFinite(o.y()) && Double.isFinite(o.w())
                    && Double.isFinite(o.h());
            return finite && o.w() > 0 && o.h() > 0 ? 0 : 1;
        }
        return o.area() > 0 ? 0 : 1;
    }
}
