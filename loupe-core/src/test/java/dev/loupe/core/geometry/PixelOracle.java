package dev.loupe.core.geometry;

/** Test oracle: mask facts computed pixel by pixel from decoded column-major masks. */
final class PixelOracle {
    private PixelOracle() {
    }

    static long intersection(byte[] a, byte[] b) {
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0 && b[i] != 0) {
                n++;
            }
        }
        return n;
    }

    static long count(byte[] a) {
        long n = 0;
        for (byte v : a) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * rleToBbox semantics for a mask encoded without zero-length runs: pixel bounds, except that
     * the rows are 0..h-1 when a foreground run continues from the bottom of one column into the
     * next.
     */
    static Box bbox(byte[] colMajor, int h, int w) {
        int minC = Integer.MAX_VALUE;
        int maxC = -1;
        int minR = Integer.MAX_VALUE;
        int maxR = -1;
        boolean wraps = false;
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                int i = c * h + r;
                if (colMajor[i] != 0) {
                    minC = Math.min(minC, c);
                    maxC = Math.max(maxC, c);
                    minR = Math.min(minR, r);
                    maxR = Math.max(maxR, r);
                    if (r == h - 1 && i + 1 < colMajor.length && colMajor[i + 1] != 0) {
                        wraps = true;
                    }
                }
            }
        }
        if (maxC < 0) {
            return new Box(0, 0, 0, 0);
        }
        if (wraps) {
            minR = 0;
            maxR = h - 1;
        }
        return new Box(minC, minR, maxC - minC + 1, maxR - minR + 1);
    }
}
