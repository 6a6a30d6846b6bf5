package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * Largest IoU ({@link ObjectView#iou}) with any other annotation of the image, any class, crowd
 * regions included; 0 when the image has no other spatial annotation.
 */
public final class MaxIou implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.max_iou", "Max IoU",
            "Largest intersection over union with any other annotation of the image, of any class (box IoU between "
                    + "boxes, mask IoU otherwise); 0 when there is none.",
            ValueKind.UNIT_INTERVAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        ObjectView o = annotation.object();
        double best = 0;
        for (ObjectView other : annotation.overlapping()) {
            double iou = o.iou(other);
            if (iou > best) {
                best = iou;
            }
        }
        return best;
    }
}
