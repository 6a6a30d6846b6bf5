package dev.loupe.core.metrics.annotation;

import dev.loupe.api.ObjectView.Raster;
import dev.loupe.api.PixelImage;

/** Visits the image pixels covered by an object's raster. */
final class ObjectPixels {
    private ObjectPixels() {
    }

    /** Receives one covered pixel: its column, row, and offset of its red byte in {@code rgb}. */
    @FunctionalInterface
    interface Visitor {
        void pixel(int x, int y, int offset);
    }

    /**
     * Calls the visitor for every pixel inside the raster that also lies in the image (a raster is
     * normally inside the image already; this guards against a size mismatch).
     *
     * @return the number of pixels visited
     */
    static long forEach(Raster r, PixelImage image, Visitor v) {
        int w = image.width();
        int h = image.height();
        boolean[] inside = r.inside();
        long n = 0;
        for (int row = 0; row < r.height(); row++) {
            int y = r.y0() + row;
            if (y < 0 || y >= h) {
                continue;
            }
            for (int col = 0; col < r.width(); col++) {
                int x = r.x0() + col;
                if (x >= 0 && x < w && inside[row * r.width() + col]) {
                    v.pixel(x, y, 3 * (y * w + x));
                    n++;
                }
            }
        }
        return n;
    }
}
