package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/** Area of the shape in pixels: w·h of a box (0 for a box with a side &lt;= 0), the polygon area minus holes, the mask pixel count. */
public final class Area implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.area", "Area",
            "Area of the shape in square pixels: w·h for a box (0 when a side is <= 0), the shoelace area minus holes "
                    + "for a polygon, the pixel count for a mask.",
            ValueKind.NON_NEGATIVE_REAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        return area(annotation.object());
    }

    /** The shape's area in pixels, 0 for a box with a side &lt;= 0, NaN when not finite or not spatial. */
    static double area(ObjectView o) {
        double a = o.area();
        if (!Double.isFinite(a)) {
            return Double.NaN;
        }
        if (o.shape() == ShapeKind.BOX && (o.w() <= 0 || o.h() <= 0)) {
            return 0;
        }
        return Math.max(0, a);
    }
}
