package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * The imagehash library's 8×8 pHash and dHash on Pillow's grey image, resized with Pillow's
 * LANCZOS (ANTIALIAS). Bits are row-major, the first bit the most significant, written as 16
 * lower-case hex digits (imagehash's {@code str(hash)}).
 */
public final class PerceptualHashes {
    private static final int SIZE = 8;
    private static final int PHASH_SIDE = 32;
    /** cos(π·k·(2n+1)/(2·32)) for k < 8, n < 32. */
    private static final double[][] COS = new double[SIZE][PHASH_SIDE];

    static {
        for (int k = 0; k < SIZE; k++) {
            for (int n = 0; n < PHASH_SIDE; n++) {
                COS[k][n] = Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * PHASH_SIDE));
            }
        }
    }

    private PerceptualHashes() {
    }

    /**
     * pHash: grey resized to 32×32, scipy's unnormalised 2-D DCT-II (2·Σ x·cos along columns then
     * rows), the top-left 8×8 compared with its median (mean of the two middle values).
     */
    public static String phash(PixelImage image) {
        byte[] px = PillowThumbnails.of(image).phash();
        // Along axis 0 (down the columns), keeping only the 8 lowest frequencies.
        double[][] cols = new double[SIZE][PHASH_SIDE];
        for (int k = 0; k < SIZE; k++) {
            for (int m = 0; m < PHASH_SIDE; m++) {
                double s = 0;
                for (int n = 0; n < PHASH_SIDE; n++) {
                    s += (px[n * PHASH_SIDE + m] & 0xFF) * COS[k][n];
                }
                cols[k][m] = 2 * s;
            }
        }
        double[] low = new double[SIZE * SIZE];
        for (int k = 0; k < SIZE; k++) {
            for (int l = 0; l < SIZE; l++) {
                double s = 0;
                for (int m = 0; m < PHASH_SIDE; m++) {
                    s += cols[k][m] * COS[l][m];
                }
                low[k * SIZE + l] = 2 * s;
            }
        }
        double[] sorted = low.clone();
        java.util.Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long bits = 0;
        for (double v : low) {
            bits = (bits << 1) | (v > median ? 1 : 0);
        }
        return hex(bits);
    }

    /** dHash: grey resized to 9×8; bit (r, c) = pixel (r, c + 1) > pixel (r, c). */
    static String dhash(PixelImage image) {
        byte[] px = PillowThumbnails.of(image).dhash();
        long bits = 0;
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                int i = r * (SIZE + 1) + c;
                bits = (bits << 1) | ((px[i + 1] & 0xFF) > (px[i] & 0xFF) ? 1 : 0);
            }
        }
        return hex(bits);
    }

    static String hex(long bits) {
        String s = Long.toHexString(bits);
        return "0".repeat(16 - s.length()) + s;
    }
}
