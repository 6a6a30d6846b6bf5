package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/** {@link Area} divided by the image area: a share of the image (above 1 only for shapes reaching outside it). */
public final class RelativeArea implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.relative_area", "Relative area",
            "annotation.area / (image width · image height): the share of the image the shape covers (unclipped, so "
                    + "above 1 only for shapes reaching outside the image).",
            ValueKind.NON_NEGATIVE_REAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        double imageArea = (double) annotation.imageWidth() * annotation.imageHeight();
        if (imageArea <= 0) {
            return Double.NaN;
        }
        return Area.area(annotation.object()) / imageArea;
    }
}
