package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * The 768-bin histogram of an image's R, G and B values (bins 0..255 red, 256..511 green,
 * 512..767 blue), computed by {@link RgbPass} and shared by brightness, contrast, entropy,
 * perceived brightness and colourfulness.
 *
 * @param bins   768 counts (do not modify)
 * @param pixels width × height
 */
record ChannelHistogram(int[] bins, long pixels) {
    static ChannelHistogram of(PixelImage image) {
        return RgbPass.of(image).histogram();
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
