package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

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
        byte[] rgb = annotation.pixels().rgb();
        long[] hits = new long[1];
        long n = ObjectPixels.forEach(annotation.object().raster(), annotation.pixels(), (x, y, i) -> {
            if (Hsv8.box(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF) == box) {
                hits[0]++;
            }
        });
        return n == 0 ? Double.NaN : (double) hits[0] / n;
    }
}
