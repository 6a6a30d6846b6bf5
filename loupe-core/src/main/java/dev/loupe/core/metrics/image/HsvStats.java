package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * Counts of pixels in Encord Active's HSV colour boxes and the sum of saturations, from one pass
 * of OpenCV's 8-bit RGB→HSV conversion ({@code cv2.cvtColor(rgb, COLOR_RGB2HSV)}, H in 0..179,
 * S and V in 0..255, reproduced bit-exactly: the fixed-point division tables with 12 fractional
 * bits and round-half-up). Boxes (inclusive, as {@code cv2.inRange}): red H 0–10 or 170–179,
 * green 35–75, blue 90–130; all with S 50–255 and V 40–255. (Rounding keeps H in 0..179: a
 * negative hue rounds to at most −1 before 180 is added.)
 *
 * @param red        pixels in the red box
 * @param green      pixels in the green box
 * @param blue       pixels in the blue box
 * @param saturation sum of S over all pixels
 * @param pixels     width × height
 */
record HsvStats(long red, long green, long blue, long saturation, long pixels) {
    private static final int SHIFT = 12;
    private static final int[] SDIV = new int[256];
    private static final int[] HDIV = new int[256];

    static {
        // OpenCV color_hsv.simd.hpp RGB2HSV_b tables: saturate_cast<int> rounds to nearest (no ties occur).
        for (int i = 1; i < 256; i++) {
            SDIV[i] = (int) Math.rint((255 << SHIFT) / (1.0 * i));
            HDIV[i] = (int) Math.rint((180 << SHIFT) / (6.0 * i));
        }
    }

    static HsvStats of(PixelImage image) {
        return image.derived("hsv.opencv8.boxes", HsvStats::compute);
    }

    private static HsvStats compute(PixelImage image) {
        byte[] rgb = image.rgb();
        long red = 0;
        long green = 0;
        long blue = 0;
        long satSum = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 0xFF;
            int g = rgb[i + 1] & 0xFF;
            int b = rgb[i + 2] & 0xFF;
            int v = Math.max(r, Math.max(g, b));
            int diff = v - Math.min(r, Math.min(g, b));
            int s = (diff * SDIV[v] + (1 << (SHIFT - 1))) >> SHIFT;
            satSum += s;
            if (s < 50 || v < 40) {
                continue;
            }
            int h;
            if (v == r) {
                h = g - b;
            } else if (v == g) {
                h = b - r + 2 * diff;
            } else {
                h = r - g + 4 * diff;
            }
            h = (h * HDIV[diff] + (1 << (SHIFT - 1))) >> SHIFT;
            if (h < 0) {
                h += 180;
            }
            if (h <= 10 || (h >= 170 && h <= 179)) {
                red++;
            } else if (h >= 35 && h <= 75) {
                green++;
            } else if (h >= 90 && h <= 130) {
                blue++;
            }
        }
        return new HsvStats(red, green, blue, satSum, (long) image.width() * image.height());
    }
}
