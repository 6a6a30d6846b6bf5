package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * Largest IoU ({@link ObjectView#iou}) with another annotation of the same class in the image: a
 * high value suggests the object was labelled twice (Encord Active flags pairs at IoU &gt;= 0.6;
 * that threshold belongs to the issue rules). Crowd regions are left out on both sides (a crowd
 * region covers instances of its class by design): a crowd annotation gets no value, and others
 * ignore crowd regions. Annotations without a class get no value; others without a class are
 * ignored. 0 when no other annotation of the class is in the image.
 */
public final class DuplicateOverlap implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.duplicate_overlap", "Duplicate overlap",
            "Largest intersection over union with another non-crowd annotation of the same class in the image; 0 "
                    + "when there is none; missing for crowd regions and annotations without a class.",
            ValueKind.UNIT_INTERVAL, ShapeKind.SPATIAL, Direction.LOWER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        ObjectView o = annotation.object();
        Integer cls = o.classId();
        if (cls == null || o.crowd()) {
            return Double.NaN;
        }
        double best = 0;
        for (ObjectView other : annotation.overlapping()) {
            if (other.crowd() || !cls.equals(other.classId())) {
                continue;
            }
            double iou = o.iou(other);
            if (iou > best) {
                best = iou;
            }
        }
        return best;
    }
}
