package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * Counts of pixels in Encord Active's HSV colour boxes and the sum of saturations, from OpenCV's
 * 8-bit RGB→HSV conversion as {@link Hsv8} reproduces it bit-exactly (H in 0..179, S and V in
 * 0..255). Boxes (inclusive, as {@code cv2.inRange}): red H 0–10 or 170–179, green 35–75, blue
 * 90–130; all with S 50–255 and V 40–255. Computed by {@link RgbPass}.
 *
 * @param red        pixels in the red box
 * @param green      pixels in the green box
 * @param blue       pixels in the blue box
 * @param saturation sum of S over all pixels
 * @param pixels     width × height
 */
record HsvStats(long red, long green, long blue, long saturation, long pixels) {
    /** Computed by {@link RgbPass}. */
    static HsvStats of(PixelImage image) {
        return RgbPass.of(image).hsv();
    }
}
