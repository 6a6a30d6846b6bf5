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
        byte[] rgb = annotation.pixels().rgb();
        long[] s = new long[2];
        long n = ObjectPixels.forEach(annotation.object().raster(), annotation.pixels(), (x, y, i) -> {
            for (int c = 0; c < 3; c++) {
                int v = rgb[i + c] & 0xFF;
                s[0] += v;
                s[1] += v * v;
            }
        });
        if (n == 0) {
            return Double.NaN;
        }
        double count = 3.0 * n;
        double mean = s[0] / count;
        return Math.sqrt(Math.max(0, s[1] / count - mean * mean)) / 255.0;
    }
}
