package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.ObjectView.Raster;
import dev.loupe.api.PixelImage;
import dev.loupe.core.metrics.image.Hsv8;

/**
 * Everything the object-pixel metrics need, gathered in one pass over the object's pixels and
 * shared through {@link dev.loupe.api.ObjectView#derived}: channel sums (brightness, contrast),
 * Laplacian sums (sharpness; the whole image's Laplacian, reflect-101 only at the image border)
 * and the counts in Encord Active's HSV colour boxes ({@link Hsv8}).
 *
 * @param pixels    object pixels inside the image
 * @param sum       Σ R+G+B
 * @param sumSq     Σ R²+G²+B²
 * @param lapSum    Σ over channels of the Laplacian
 * @param lapSumSq  Σ over channels of its square
 * @param red       pixels in the red box
 * @param green     pixels in the green box
 * @param blue      pixels in the blue box
 */
record ObjectPixelStats(long pixels, long sum, long sumSq, long lapSum, long lapSumSq, long red, long green, long blue) {

    static ObjectPixelStats of(AnnotationContext annotation) {
        PixelImage image = annotation.pixels();
        return annotation.object().derived("object.pixel.stats", o -> compute(o.raster(), image));
    }

    static ObjectPixelStats compute(Raster r, PixelImage image) {
        byte[] rgb = image.rgb();
        int w = image.width();
        int h = image.height();
        boolean[] inside = r.inside();
        long n = 0;
        long sum = 0;
        long sumSq = 0;
        long lapSum = 0;
        long lapSq = 0;
        long red = 0;
        long green = 0;
        long blue = 0;
        int rw = r.width();
        int stride = 3 * w;
        // The raster's columns inside the image, found once instead of tested at every pixel.
        int colFrom = Math.max(0, -r.x0());
        int colTo = Math.min(rw, w - r.x0());
        for (int row = 0; row < r.height(); row++) {
            int y = r.y0() + row;
            if (y < 0 || y >= h) {
                continue;
            }
            int up = (Sharpness.reflect101(y - 1, h) - y) * stride;
            int down = (Sharpness.reflect101(y + 1, h) - y) * stride;
            int base = row * rw;
            int rowStart = y * stride;
            // Per-row partial sums in ints where they cannot overflow (a row has < 2^31 / 3060 pixels).
            int rowPixels = 0;
            int rowSum = 0;
            long rowSumSq = 0;
            int rowLap = 0;
            long rowLapSq = 0;
            for (int col = colFrom; col < colTo; col++) {
                if (!inside[base + col]) {
                    continue;
                }
                int x = r.x0() + col;
                int i = rowStart + 3 * x;
                // Horizontal neighbours: ±3 bytes inside the row, reflect-101 at the two ends.
                int left = x > 0 ? -3 : (w > 1 ? 3 : 0);
                int right = x < w - 1 ? 3 : (w > 1 ? -3 : 0);
                int cr = rgb[i] & 0xFF;
                int cg = rgb[i + 1] & 0xFF;
                int cb = rgb[i + 2] & 0xFF;
                rowPixels++;
                rowSum += cr + cg + cb;
                rowSumSq += cr * cr + cg * cg + cb * cb;
                int lr = (rgb[i + left] & 0xFF) + (rgb[i + right] & 0xFF) + (rgb[i + up] & 0xFF)
                        + (rgb[i + down] & 0xFF) - 4 * cr;
                int lg = (rgb[i + 1 + left] & 0xFF) + (rgb[i + 1 + right] & 0xFF) + (rgb[i + 1 + up] & 0xFF)
                        + (rgb[i + 1 + down] & 0xFF) - 4 * cg;
                int lb = (rgb[i + 2 + left] & 0xFF) + (rgb[i + 2 + right] & 0xFF) + (rgb[i + 2 + up] & 0xFF)
                        + (rgb[i + 2 + down] & 0xFF) - 4 * cb;
                rowLap += lr + lg + lb;
                rowLapSq += lr * lr + lg * lg + lb * lb;
                int box = Hsv8.box(cr, cg, cb);
                if (box == Hsv8.RED) {
                    red++;
                } else if (box == Hsv8.GREEN) {
                    green++;
                } else if (box == Hsv8.BLUE) {
                    blue++;
                }
            }
            n += rowPixels;
            sum += rowSum;
            sumSq += rowSumSq;
            lapSum += rowLap;
            lapSq += rowLapSq;
        }
        return new ObjectPixelStats(n, sum, sumSq, lapSum, lapSq, red, green, blue);
    }
}
