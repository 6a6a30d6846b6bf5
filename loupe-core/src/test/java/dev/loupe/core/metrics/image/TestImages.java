package dev.loupe.core.metrics.image;

import dev.loupe.api.ImageContext;
import dev.loupe.api.ObjectView;
import dev.loupe.api.PixelImage;
import java.util.List;

/** Synthetic images and contexts for metric tests. */
final class TestImages {
    private TestImages() {
    }

    /** A context over pixels, with no objects. */
    record Ctx(PixelImage pixels, long fileSize, String path, List<ObjectView> objects) implements ImageContext {
        Ctx(PixelImage pixels) {
            this(pixels, 0, "x.png", List.of());
        }

        @Override
        public int width() {
            return pixels.width();
        }

        @Override
        public int height() {
            return pixels.height();
        }
    }

    /** An RGB image from rows of {r, g, b, r, g, b, ...} values. */
    static PixelImage rgb(int[][] rows) {
        int h = rows.length;
        int w = rows[0].length / 3;
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < 3 * w; i++) {
                px[3 * w * y + i] = (byte) rows[y][i];
            }
        }
        return new PixelImage(w, h, px, 3, 8, false);
    }

    /** A w×h image of one colour. */
    static PixelImage uniform(int w, int h, int r, int g, int b) {
        byte[] px = new byte[3 * w * h];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return new PixelImage(w, h, px, 3, 8, false);
    }

    /** A grey image (R = G = B) from rows of values, reported as a 1-channel source. */
    static PixelImage grey(int[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                px[o] = (byte) rows[y][x];
                px[o + 1] = (byte) rows[y][x];
                px[o + 2] = (byte) rows[y][x];
            }
        }
        return new PixelImage(w, h, px, 1, 8, false);
    }

    static double value(dev.loupe.api.ImageMetric m, PixelImage px) {
        return m.compute(new Ctx(px));
    }
}
