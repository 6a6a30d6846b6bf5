package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/** Population standard deviation of the R, G and B values of the object's pixels, / 255. */
public final class Contrast implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.contrast",
            "Object contrast", "Population standard deviation of all R, G, B values (0..255) of the object's pixels, "
                    + "divided by 255.",
            ValueKind.UNIT_INTERVAL, ShapeKind.SPATIAL, Direction.HIGHER_IS_BETTER);

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
        if (s.pixels() == 0) {
            return Double.NaN;
        }
        double count = 3.0 * s.pixels();
        double mean = s.sum() / count;
        return Math.sqrt(Math.max(0, s.sumSq() / count - mean * mean)) / 255.0;
    }
}
