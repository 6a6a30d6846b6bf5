package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/** Mean of the R, G and B values of the object's pixels, / 255 (image.brightness inside the object). */
public final class Brightness implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.brightness",
            "Object brightness", "Mean of all R, G, B values (0..255) of the object's pixels, divided by 255.",
            ValueKind.UNIT_INTERVAL, ShapeKind.SPATIAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean needsPixels() {
        return true;
    }

    @Override
    public double compute(AnnotationContext annotation) {
        ObjectPixelStats s = ObjectPixelStats.of(annotation);
        return s.pixels() == 0 ? Double.NaN : s.sum() / (3.0 * s.pixels()) / 255.0;
    }
}
