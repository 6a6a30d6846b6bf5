package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * Grey planes as Pillow makes them, shared through {@link PixelImage#derived}: the full-size
 * {@code convert("L")} (L = (19595·R + 38470·G + 7471·B + 2^15) >> 16, Pillow's ITU-R 601-2 luma
 * in 16-bit fixed point; differs from OpenCV's grey by rounding) and CleanVision's small grey image
 * (RGB resized with Pillow's default BICUBIC so that the longest side is at most 64, then
 * converted to L; made by {@link PillowThumbnails} in the same pass as the hashes' resizes).
 */
final class PillowGrey {
    /** Longest side of CleanVision's resized image ({@code MAX_RESOLUTION_FOR_BLURRY_DETECTION}). */
    static final int CLEANVISION_SIDE = 64;

    private PillowGrey() {
    }

    /** A grey image. */
    record Grey(int width, int height, byte[] pixels) {
    }

    static byte[] full(PixelImage image) {
        return image.derived("grey.pillow", img -> toL(img.rgb()));
    }

    static Grey cleanVision(PixelImage image) {
        return PillowThumbnails.of(image).cleanVision();
    }

    static byte[] toL(byte[] rgb) {
        byte[] out = new byte[rgb.length / 3];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            out[i] = (byte) (((rgb[j] & 0xFF) * 19595 + (rgb[j + 1] & 0xFF) * 38470 + (rgb[j + 2] & 0xFF) * 7471
                    + 0x8000) >> 16);
        }
        return out;
    }
}
