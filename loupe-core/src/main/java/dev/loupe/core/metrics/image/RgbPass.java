package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * One pass over an image's interleaved RGB bytes computing what the colour and brightness metrics
 * read, so that each pixel's R, G and B are loaded once: the 768-bin channel histogram, the
 * cross-channel sums ΣR·G, ΣR·B, ΣG·B (colourfulness), the OpenCV HSV boxes and saturation sum,
 * and the perceived-brightness key buckets. Shared through {@link PixelImage#derived}; every
 * result is an exact integer.
 *
 * @param histogram     the channel histogram
 * @param sumRG         Σ R·G over all pixels
 * @param sumRB         Σ R·B
 * @param sumGB         Σ G·B
 * @param hsv           the HSV box counts and saturation sum
 * @param keyCounts     pixel counts per perceived-brightness key bucket (see
 *                      {@link BrightnessPercentiles}; do not modify)
 */
record RgbPass(ChannelHistogram histogram, long sumRG, long sumRB, long sumGB, HsvStats hsv, int[] keyCounts) {
    private static final String KEY = "rgb.pass.hist768.cross.hsv8.pbkeys";
    /** Pixels per inner chunk: keeps the int partial sums exact (255² · 2^14 < 2^31). */
    private static final int CHUNK = 1 << 14;
    private static final int GREEN_SHIFT = 21;
    private static final int BLUE_SHIFT = 42;
    private static final long FIELD = (1L << 21) - 1;
    /** The count increment of each {@link Hsv8} box, three 21-bit counters in a long: 1 red, 2^21 green, 2^42 blue. */
    private static final long[] BOX = new long[4];

    static {
        BOX[Hsv8.RED] = 1;
        BOX[Hsv8.GREEN] = 1L << GREEN_SHIFT;
        BOX[Hsv8.BLUE] = 1L << BLUE_SHIFT;
    }

    static RgbPass of(PixelImage image) {
        return image.derived(KEY, RgbPass::compute);
    }

    /** Running totals of a pass. */
    private static final class Totals {
        long rg;
        long rb;
        long gb;
        long saturation;
        long red;
        long green;
        long blue;
    }

    private static RgbPass compute(PixelImage image) {
        byte[] rgb = image.rgb();
        int w = image.width();
        int h = image.height();
        int[] bins = new int[2 * 768];
        int[] keyCounts = new int[BrightnessPercentiles.BUCKETS];
        Totals t = new Totals();
        for (int y = 0; y < h; y++) {
            pixelRow(rgb, 3 * w * y, w, bins, keyCounts, t);
        }
        for (int i = 0; i < 768; i++) {
            bins[i] += bins[768 + i];
        }
        bins = java.util.Arrays.copyOf(bins, 768);
        long pixels = (long) w * h;
        return new RgbPass(new ChannelHistogram(bins, pixels), t.rg, t.rb, t.gb,
                new HsvStats(t.red, t.green, t.blue, t.saturation, pixels), keyCounts);
    }

    /**
     * Per-pixel statistics of one row, two pixels per iteration: the second pixel of each pair
     * counts into the upper half of the double-length histogram, so that runs of equal values (common
     * in photographs) do not chain every increment on the previous store to the same bin.
     */
    private static void pixelRow(byte[] rgb, int off, int w, int[] bins, int[] keyCounts, Totals t) {
        for (int x0 = 0; x0 < w; x0 += CHUNK) {
            int x1 = Math.min(w, x0 + CHUNK);
            Chunk c = new Chunk();
            int x = x0;
            int j = off + 3 * x0;
            for (; x + 1 < x1; x += 2, j += 6) {
                c.pixel(rgb[j] & 0xFF, rgb[j + 1] & 0xFF, rgb[j + 2] & 0xFF, bins, 0, keyCounts);
                c.pixel(rgb[j + 3] & 0xFF, rgb[j + 4] & 0xFF, rgb[j + 5] & 0xFF, bins, 768, keyCounts);
            }
            if (x < x1) {
                c.pixel(rgb[j] & 0xFF, rgb[j + 1] & 0xFF, rgb[j + 2] & 0xFF, bins, 0, keyCounts);
            }
            t.rg += c.rg;
            t.rb += c.rb;
            t.gb += c.gb;
            t.saturation += c.sat;
            t.red += c.boxes & FIELD;
            t.green += (c.boxes >>> GREEN_SHIFT) & FIELD;
            t.blue += c.boxes >>> BLUE_SHIFT;
        }
    }

    /** The int partial sums of one chunk (scalar-replaced by the JIT: the object never escapes). */
    private static final class Chunk {
        int rg;
        int rb;
        int gb;
        int sat;
        long boxes;

        void pixel(int r, int g, int b, int[] bins, int half, int[] keyCounts) {
            bins[half + r]++;
            bins[half + 256 + g]++;
            bins[half + 512 + b]++;
            rg += r * g;
            rb += r * b;
            gb += g * b;
            keyCounts[(BrightnessPercentiles.KR[r] + BrightnessPercentiles.KG[g] + BrightnessPercentiles.KB[b])
                    >>> BrightnessPercentiles.BUCKET_SHIFT]++;
            // OpenCV RGB2HSV_b (Hsv8): the hue only where S and V are in range.
            int v = Math.max(r, Math.max(g, b));
            int diff = v - Math.min(r, Math.min(g, b));
            int s = Hsv8.saturation(v, diff);
            sat += s;
            if (s >= 50 && v >= 40) {
                boxes += BOX[Hsv8.boxOfRawHue(Hsv8.rawHue(r, g, b, v, diff))];
            }
        }
    }
}
