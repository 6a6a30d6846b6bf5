package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * 1 when the (bounding) box extends past the image by more than 1e-5 of the image side on any
 * edge (x &lt; −1e-5·W, y &lt; −1e-5·H, x+w &gt; W·(1+1e-5), y+h &gt; H·(1+1e-5)); the slack absorbs
 * rounding in normalised formats such as YOLO. Missing when a coordinate is NaN
 * ({@link Degenerate} reports those).
 */
public final class OutOfBounds implements AnnotationMetric {
    /** Allowed overhang as a share of the image side. */
    static final double TOLERANCE = 1e-5;
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.out_of_bounds", "Out of bounds",
            "1 when the (bounding) box extends past an image border by more than 1e-5 of that image side; else 0.",
            ValueKind.FLAG, ShapeKind.SPATIAL, Direction.LOWER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        ObjectView o = annotation.object();
        double x = o.x();
        double y = o.y();
        double x2 = x + o.w();
        double y2 = y + o.h();
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(x2) || Double.isNaN(y2)) {
            return Double.NaN;
        }
        double tx = TOLERANCE * annotation.imageWidth();
        double ty = TOLERANCE * annotation.imageHeight();
        boolean out = Math.min(x, x2) < -tx || Math.min(y, y2) < -ty
                || Math.max(x, x2) > annotation.imageWidth() + tx || Math.max(y, y2) > annotation.imageHeight() + ty;
        return out ? 1 : 0;
    }
}
