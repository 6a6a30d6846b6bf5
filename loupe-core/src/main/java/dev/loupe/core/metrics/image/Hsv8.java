package dev.loupe.core.metrics.image;

/**
 * Encord Active's HSV colour boxes on OpenCV's 8-bit RGB→HSV conversion
 * ({@code cv2.cvtColor(rgb, COLOR_RGB2HSV)}: H 0..179, S and V 0..255, fixed-point division tables
 * with 12 fractional bits, round half up). Boxes, inclusive as {@code cv2.inRange}: red H 0–10 or
 * 170–179, green 35–75, blue 90–130, all with S 50–255 and V 40–255. H may round to 180, which no
 * box contains (as in OpenCV). The one implementation of this arithmetic: the image colour pass
 * ({@link RgbPass}, for {@link HsvStats}) and the per-object colour fractions both use it.
 */
public final class Hsv8 {
    public static final int NONE = 0;
    public static final int RED = 1;
    public static final int GREEN = 2;
    public static final int BLUE = 3;

    private static final int SHIFT = 12;
    private static final int[] SDIV = new int[256];
    private static final int[] HDIV = new int[256];
    /** The box of each hue before the +180 of negative hues, at index hue + 180. */
    private static final byte[] BOX_OF_HUE = new byte[180 + 256];

    static {
        // OpenCV color_hsv.simd.hpp RGB2HSV_b tables (saturate_cast<int> rounds to nearest).
        for (int i = 1; i < 256; i++) {
            SDIV[i] = (int) Math.rint((255 << SHIFT) / (1.0 * i));
            HDIV[i] = (int) Math.rint((180 << SHIFT) / (6.0 * i));
        }
        for (int i = 0; i < BOX_OF_HUE.length; i++) {
            int h = i - 180;
            if (h < 0) {
                h += 180;
            }
            BOX_OF_HUE[i] = (byte) (h <= 10 || (h >= 170 && h <= 179) ? RED
                    : h >= 35 && h <= 75 ? GREEN : h >= 90 && h <= 130 ? BLUE : NONE);
        }
    }

    private Hsv8() {
    }

    /** OpenCV's 8-bit (H, S, V) of an RGB pixel, packed as {@code h << 16 | s << 8 | v}. */
    public static int hsv(int r, int g, int b) {
        int v = Math.max(r, Math.max(g, b));
        int diff = v - Math.min(r, Math.min(g, b));
        int s = saturation(v, diff);
        int h = rawHue(r, g, b, v, diff);
        if (h < 0) {
            h += 180;
        }
        return h << 16 | s << 8 | v;
    }

    /** OpenCV's 8-bit saturation (v the largest channel, diff v − smallest). */
    static int saturation(int v, int diff) {
        return (diff * SDIV[v] + (1 << (SHIFT - 1))) >> SHIFT;
    }

    /** The box of a hue as {@link #rawHue} gives it. */
    static int boxOfRawHue(int rawHue) {
        return BOX_OF_HUE[rawHue + 180];
    }

    /** OpenCV's hue before negative values get 180 added (v the largest channel, diff v − smallest). */
    static int rawHue(int r, int g, int b, int v, int diff) {
        int h;
        if (v == r) {
            h = g - b;
        } else if (v == g) {
            h = b - r + 2 * diff;
        } else {
            h = r - g + 4 * diff;
        }
        return (h * HDIV[diff] + (1 << (SHIFT - 1))) >> SHIFT;
    }

    /**
     * Which colour box the pixel falls in: {@link #RED}, {@link #GREEN}, {@link #BLUE} or {@link #NONE}.
     * The same arithmetic as {@link #hsv}, done once, the hue only for pixels in the S and V range
     * (checked against {@link #hsv} on all 2^24 colours).
     */
    public static int box(int r, int g, int b) {
        int v = Math.max(r, Math.max(g, b));
        if (v < 40) {
            return NONE;
        }
        int diff = v - Math.min(r, Math.min(g, b));
        if (saturation(v, diff) < 50) {
            return NONE;
        }
        return boxOfRawHue(rawHue(r, g, b, v, diff));
    }
}
