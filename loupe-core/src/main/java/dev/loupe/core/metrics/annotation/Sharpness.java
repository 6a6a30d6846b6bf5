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
        PixelImage img = annotation.pixels();
        byte[] rgb = img.rgb();
        int w = img.width();
        int h = img.height();
        long[] s = new long[2];
        long n = ObjectPixels.forEach(annotation.object().raster(), img, (x, y, i) -> {
            int left = 3 * (y * w + reflect101(x - 1, w));
            int right = 3 * (y * w + reflect101(x + 1, w));
            int up = 3 * (reflect101(y - 1, h) * w + x);
            int down = 3 * (reflect101(y + 1, h) * w + x);
            for (int c = 0; c < 3; c++) {
                int l = (rgb[left + c] & 0xFF) + (rgb[right + c] & 0xFF) + (rgb[up + c] & 0xFF)
                        + (rgb[down + c] & 0xFF) - 4 * (rgb[i + c] & 0xFF);
                s[0] += l;
                s[1] += (long) l * l;
            }
        });
        if (n == 0) {
            return Double.NaN;
        }
        double count = 3.0 * n;
        double mean = s[0] / count;
        return Math.max(0, s[1] / count - mean * mean);
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
