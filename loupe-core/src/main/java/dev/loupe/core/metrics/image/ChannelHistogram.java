package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * The 768-bin histogram of an image's R, G and B values (bins 0..255 red, 256..511 green,
 * 512..767 blue), computed in one pass and shared by brightness, contrast, entropy and perceived
 * brightness through {@link PixelImage#derived}.
 *
 * @param bins   768 counts (do not modify)
 * @param pixels width × height
 */
record ChannelHistogram(int[] bins, long pixels) {
    static final String KEY = "histogram.rgb768";

    static ChannelHistogram of(PixelImage image) {
        return image.derived(KEY, ChannelHistogram::compute);
    }

    private static ChannelHistogram compute(PixelImage image) {
        byte[] rgb = image.rgb();
        // Separate tables per channel and for even/odd pixels: in smooth images consecutive
        // increments hit the same bin, and one table would serialise them on store forwarding.
        int[] bins = new int[768];
        int[] odd = new int[768];
        int n = rgb.length;
        int i = 0;
        for (; i + 5 < n; i += 6) {
            bins[rgb[i] & 0xFF]++;
            bins[256 + (rgb[i + 1] & 0xFF)]++;
            bins[512 + (rgb[i + 2] & 0xFF)]++;
            odd[rgb[i + 3] & 0xFF]++;
            odd[256 + (rgb[i + 4] & 0xFF)]++;
            odd[512 + (rgb[i + 5] & 0xFF)]++;
        }
        for (; i < n; i += 3) {
            bins[rgb[i] & 0xFF]++;
            bins[256 + (rgb[i + 1] & 0xFF)]++;
            bins[512 + (rgb[i + 2] & 0xFF)]++;
        }
        for (int b = 0; b < 768; b++) {
            bins[b] += odd[b];
        }
        return new ChannelHistogram(bins, (long) image.width() * image.height());
    }

    /** Exact sum of the values of bins [from, from + 256). */
    long sum(int from) {
        long s = 0;
        for (int v = 0; v < 256; v++) {
            s += (long) v * bins[from + v];
        }
        return s;
    }

    /** Exact sum of the squared values of bins [from, from + 256). */
    long sumOfSquares(int from) {
        long s = 0;
        for (int v = 0; v < 256; v++) {
            s += (long) v * v * bins[from + v];
        }
        return s;
    }

    /**
     * Mean of one channel (0 red, 1 green, 2 blue) as Pillow's ImageStat computes it: the sum
     * accumulated in doubles (exact for integers), divided by the count.
     */
    double pillowMean(int channel) {
        double s = 0;
        for (int v = 0; v < 256; v++) {
            s += v * bins[256 * channel + v];
        }
        return s / pixels;
    }
}
