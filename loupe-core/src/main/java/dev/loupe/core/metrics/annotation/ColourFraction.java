package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;
import dev.loupe.core.metrics.image.Hsv8;

/** Share of the object's pixels in one of Encord Active's HSV colour boxes ({@link Hsv8}). */
abstract class ColourFraction implements AnnotationMetric {
    private final MetricDescriptor descriptor;
    private final int box;

    ColourFraction(String name, int box, String hsvBox) {
        this.box = box;
        this.descriptor = MetricDescriptor.annotation("annotation." + name + "_fraction",
                "Object " + name + " fraction", "Share of the object's pixels whose OpenCV 8-bit HSV (H 0..179) lies in "
                        + hsvBox + ", S 50–255, V 40–255.",
                ValueKind.UNIT_INTERVAL, ShapeKind.SPATIAL, Direction.NONE);
    }

    @Override
    public final MetricDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final boolean needsPixels() {
        return true;
    }

    @Override
    public final double compute(AnnotationContext annotation) {
        ObjectPixelStats s = ObjectPixelStats.of(annotation);
        if (s.pixels() == 0) {
            return Double.NaN;
        }
        long hits = box == Hsv8.RED ? s.red() : box == Hsv8.GREEN ? s.green() : s.blue();
        return (double) hits / s.pixels();
    }
}
