package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * Counts of pixels in Encord Active's HSV colour boxes and the sum of saturations, from OpenCV's
 * 8-bit RGB→HSV conversion ({@code cv2.cvtColor(rgb, COLOR_RGB2HSV)}, H in 0..179, S and V in 0..255, reproduced bit-exactly: the fixed-point division tables with 12 fractional
 * bits and round-half-up). Boxes (inclusive, as {@code cv2.inRange}): red H 0–10 or 170–179,
 * green 35–75, blue 90–130; all with S 50–255 and V 40–255. (Rounding keeps H in 0..179: a
 * negative hue rounds to at most −1 before 180 is added.) Computed by {@link RgbPass}.
 *
 * @param red        pixels in the red box
 * @param green      pixels in the green box
 * @param blue       pixels in the blue box
 * @param saturation sum of S over all pixels
 * @param pixels     width × height
 */
record HsvStats(long red, long green, long blue, long saturation, long pixels) {
    static final int SHIFT = 12;
    static final int[] SDIV = new int[256];
    static final int[] HDIV = new int[256];

    static {
        // OpenCV color_hsv.simd.hpp RGB2HSV_b tables: saturate_cast<int> rounds to nearest (no ties occur).
        for (int i = 1; i < 256; i++) {
            SDIV[i] = (int) Math.rint((255 << SHIFT) / (1.0 * i));
            HDIV[i] = (int) Math.rint((180 << SHIFT) / (6.0 * i));
        }
    }

    /** Computed by {@link RgbPass}. */
    static HsvStats of(PixelImage image) {
        return RgbPass.of(image).hsv();
    }
}
