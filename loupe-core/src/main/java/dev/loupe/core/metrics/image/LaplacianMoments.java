package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * Sum and sum of squares of the 3x3 Laplacian [0 1 0; 1 −4 1; 0 1 0] of an interleaved 8-bit
 * image, each channel filtered on its own with OpenCV's default border (reflect-101: row −1 reads
 * row 1; a 1-pixel side reads itself), as {@code cv2.Laplacian(img, cv2.CV_64F)} computes it. All
 * arithmetic is exact (integers). For the RGB channels and for OpenCV's 8-bit grey (the grey values
 * are computed for three rolling rows, never as a full plane).
 *
 * @param count number of values (width × height × channels)
 * @param sum   sum of the Laplacian values
 * @param sumSq sum of their squares
 */
record LaplacianMoments(long count, long sum, long sumSq) {
    static LaplacianMoments rgb(PixelImage image) {
        return both(image)[0];
    }

    /** Of the grey plane {@link PixelImage#grey()} describes (OpenCV 4's BGR2GRAY rounding). */
    static LaplacianMoments grey(PixelImage image) {
        return both(image)[1];
    }

    /**
     * The RGB and the grey moments of an image, computed together for the three sharpness metrics.
     * Each is its own pass over the rows: interleaving the two lanes row by row measured slower (1.5
     * against 1.2 ms on a 640×480 image), as the two inner loops then compete for registers and cache.
     */
    private static LaplacianMoments[] both(PixelImage image) {
        return image.derived("laplacian3.moments.rgb+grey.opencv", img -> new LaplacianMoments[] {
            compute(img.rgb(), img.width(), img.height(), false),
            compute(img.rgb(), img.width(), img.height(), true)});
    }

    /** The moments of the RGB channels (grey false) or of the grey values of an image, in one pass. */
    static LaplacianMoments compute(byte[] rgb, int w, int h, boolean grey) {
        Lane lane = new Lane(rgb, w, h, grey);
        for (int y = 0; y < h; y++) {
            lane.row(y);
        }
        return lane.moments();
    }

    /**
     * The running state of one Laplacian: each row is widened (or converted to grey) once into an
     * int buffer padded with the reflect-101 border columns, three rolling buffers, so that the
     * Laplacian loop reads plain int arrays at constant offsets without border branches. Rows are
     * handed in order, 0 to h − 1.
     */
    private static final class Lane {
        private final byte[] rgb;
        private final int w;
        private final int h;
        private final boolean grey;
        private final int cn;
        private final int n;
        private final int[] b0;
        private final int[] b1;
        private final int[] b2;
        private int[] up;
        private int[] cur;
        private int[] down;
        private long sum;
        private long sumSq;

        Lane(byte[] rgb, int w, int h, boolean grey) {
            this.rgb = rgb;
            this.w = w;
            this.h = h;
            this.grey = grey;
            cn = grey ? 1 : 3;
            n = w * cn;
            int len = n + 2 * cn;
            b0 = new int[len];
            b1 = new int[len];
            b2 = new int[len];
            fill(rgb, 0, w, grey, b1);
            cur = b1;
            if (h > 1) {
                fill(rgb, 1, w, grey, b2);
                up = b2;
                down = b2;
            } else {
                up = b1;
                down = b1;
            }
        }

        /** Adds the Laplacian values of row y (the next row) and moves the buffers on. */
        void row(int y) {
            int[] c = cur;
            int[] u = up;
            int[] d = down;
            int k = cn;
            // Chunks of at most 4096 values keep the int sum of squares (each ≤ 1020²) below 2^32.
            for (int from = 0; from < n; from += 4096) {
                int to = Math.min(n, from + 4096);
                int s = 0;
                int q = 0;
                for (int i = from; i < to; i++) {
                    int l = c[i] + c[i + 2 * k] + u[i + k] + d[i + k] - 4 * c[i + k];
                    s += l;
                    q += l * l;
                }
                sum += s;
                sumSq += q & 0xFFFFFFFFL;
            }
            if (y + 1 < h) {
                int next = reflect101(y + 2, h);
                int[] nextDown;
                if (next == y) {
                    nextDown = cur;
                } else {
                    nextDown = b0 != cur && b0 != down ? b0 : b1 != cur && b1 != down ? b1 : b2;
                    fill(rgb, next, w, grey, nextDown);
                }
                up = cur;
                cur = down;
                down = nextDown;
            }
        }

        LaplacianMoments moments() {
            return new LaplacianMoments((long) w * h * cn, sum, sumSq);
        }
    }

    /** Row y, widened or as OpenCV 4 grey, into buf[cn, cn + w·cn), with the reflect-101 pads. */
    private static void fill(byte[] rgb, int y, int w, boolean grey, int[] buf) {
        int off = 3 * w * y;
        int cn;
        if (grey) {
            cn = 1;
            for (int x = 0, j = off; x < w; x++, j += 3) {
                buf[1 + x] = ((rgb[j] & 0xFF) * 9798 + (rgb[j + 1] & 0xFF) * 19235 + (rgb[j + 2] & 0xFF) * 3735
                        + 16384) >> 15;
            }
        } else {
            cn = 3;
            int n = 3 * w;
            for (int i = 0; i < n; i++) {
                buf[3 + i] = rgb[off + i] & 0xFF;
            }
        }
        int left = reflect101(-1, w);
        int right = reflect101(w, w);
        for (int c = 0; c < cn; c++) {
            buf[c] = buf[cn + left * cn + c];
            buf[cn + w * cn + c] = buf[cn + right * cn + c];
        }
    }

    /** Population variance of the values (numpy's {@code var()}). */
    double variance() {
        double mean = (double) sum / count;
        return Math.max(0, (double) sumSq / count - mean * mean);
    }

    /** OpenCV BORDER_REFLECT_101 for an index at most one outside [0, n). */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * n - 2 - i : i;
    }
}
