package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * Relative distance of the (bounding) box to the nearest image border:
 * min(x/W, y/H, (W−x−w)/W, (H−y−h)/H), clamped at 0. Each gap is divided by the image side it is
 * measured along, so 0.1 means "a tenth of the image away". 0 = touches or crosses a border; the
 * largest possible value, 0.5, is a point at the centre. Unlike Encord Active's border closeness
 * (1 = touching), small is close here.
 */
public final class BorderProximity implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.border_proximity", "Border proximity",
            "min(x/W, y/H, (W−x−w)/W, (H−y−h)/H) of the (bounding) box, clamped at 0: the gap to the nearest image "
                    + "border as a share of that image side; 0 = touches or crosses the border.",
            ValueKind.UNIT_INTERVAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        ObjectView o = annotation.object();
        double bw = annotation.imageWidth();
        double bh = annotation.imageHeight();
        if (!(bw > 0 && bh > 0)) {
            return Double.NaN;
        }
        double x = o.x();
        double y = o.y();
        double w = o.w();
        double h = o.h();
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)) {
            return Double.NaN;
        }
        double d = Math.min(Math.min(x / bw, y / bh), Math.min((bw - x - w) / bw, (bh - y - h) / bh));
        return Math.max(0, d);
    }
}
