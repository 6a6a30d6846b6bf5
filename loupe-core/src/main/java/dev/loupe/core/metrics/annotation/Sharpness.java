package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.PixelImage;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * Variance of the 3x3 Laplacian [0 1 0; 1 −4 1; 0 1 0] of the RGB image at the object's pixels,
 * the three channels pooled (3 values per pixel). The Laplacian is the whole image's (neighbours
 * outside the object are used; OpenCV's reflect-101 border only at the image border), so the value
 * at a pixel is the one image.sharpness sees there. Unit: grey levels squared.
 */
public final class Sharpness implements AnnotationMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.sharpness",
            "Object sharpness", "Variance of the 3x3 Laplacian [0 1 0; 1 −4 1; 0 1 0] of the RGB image (border "
                    + "reflect-101), per channel, pooled over the object's pixels; grey levels squared.",
            ValueKind.NON_NEGATIVE_REAL, ShapeKind.SPATIAL, Direction.HIGHER_IS_BETTER);

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
        double mean = s.lapSum() / count;
        return Math.max(0, s.lapSumSq() / count - mean * mean);
    }

    /** OpenCV BORDER_REFLECT_101 for an index at most one outside [0, n): −1 → 1, n → n−2; a 1-wide side reads itself. */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * n - 2 - i : i;
    }
}
