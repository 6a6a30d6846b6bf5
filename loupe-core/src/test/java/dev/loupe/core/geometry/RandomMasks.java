package dev.loupe.core.geometry;

import java.util.Random;

/** Test helper: reproducible random column-major masks of several kinds. */
final class RandomMasks {
    private RandomMasks() {
    }

    /** Noise of random density, one or two filled rectangles, empty or full, chosen by the seed. */
    static byte[] mask(Random rnd, int h, int w) {
        byte[] m = new byte[h * w];
        int kind = rnd.nextInt(6);
        if (kind <= 1) {
            double density = rnd.nextDouble();
            for (int i = 0; i < m.length; i++) {
                m[i] = (byte) (rnd.nextDouble() < density ? 1 : 0);
            }
        } else if (kind <= 3) {
            for (int n = 0; n <= kind - 2; n++) {
                int c0 = rnd.nextInt(w);
                int r0 = rnd.nextInt(h);
                int c1 = c0 + rnd.nextInt(w - c0);
                int r1 = r0 + rnd.nextInt(h - r0);
                for (int c = c0; c <= c1; c++) {
                    for (int r = r0; r <= r1; r++) {
                        m[c * h + r] = 1;
                    }
                }
            }
        } else if (kind == 5) {
            java.util.Arrays.fill(m, (byte) 1);
        }
        return m;
    }
}
