package dev.loupe.core.metrics.image;

/**
 * Pillow 9.4's {@code Image.resize} for 8-bit images (libImaging/Resample.c), bit-exact: separable
 * convolution, horizontal pass first (only when the width changes) then vertical, filter support
 * scaled by the reduction factor, weights normalised to sum 1 then rounded to 22-bit fixed point,
 * accumulators starting at one half and clipped to 0..255 after each pass.
 */
final class PillowResample {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** Pillow's resampling filters used here. */
    enum Filter {
        /** Keys cubic, a = −0.5 (Pillow's default for {@code resize} since 7.0). */
        BICUBIC(2.0),
        /** Lanczos-3 (Pillow's ANTIALIAS). */
        LANCZOS(3.0);

        final double support;

        Filter(double support) {
            this.support = support;
        }

        double weight(double x) {
            if (this == BICUBIC) {
                double a = -0.5;
                if (x < 0.0) {
                    x = -x;
                }
                if (x < 1.0) {
                    return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                }
                if (x < 2.0) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0.0;
            }
            if (-3.0 <= x && x < 3.0) {
                return sinc(x) * sinc(x / 3);
            }
            return 0.0;
        }

        private static double sinc(double x) {
            if (x == 0.0) {
                return 1.0;
            }
            x = x * Math.PI;
            return Math.sin(x) / x;
        }
    }

    private PillowResample() {
    }

    /**
     * Resizes an interleaved 8-bit image with {@code cn} channels (1 or 3) from w×h to ow×oh.
     * Returns the source array itself when the size does not change.
     */
    static byte[] resize(byte[] src, int w, int h, int cn, int ow, int oh, Filter filter) {
        byte[] cur = src;
        if (ow != w) {
            cur = horizontal(cur, w, h, cn, ow, new Coefficients(w, ow, filter));
        }
        if (oh != h) {
            cur = vertical(cur, ow, h, cn, oh, new Coefficients(h, oh, filter));
        }
        return cur;
    }

    /** Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis. */
    private static final class Coefficients {
        final int ksize;
        final int[] bounds;
        final int[] weights;

        Coefficients(int inSize, int outSize, Filter filter) {
            double scale = (double) inSize / outSize;
            double filterscale = Math.max(scale, 1.0);
            double support = filter.support * filterscale;
            ksize = (int) Math.ceil(support) * 2 + 1;
            bounds = new int[outSize * 2];
            weights = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ww = 0.0;
                double ss = 1.0 / filterscale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                for (int x = 0; x < xmax; x++) {
                    double wt = filter.weight((x + xmin - center + 0.5) * ss);
                    k[x] = wt;
                    ww += wt;
                }
                for (int x = 0; x < xmax; x++) {
                    double v = ww != 0.0 ? k[x] / ww : k[x];
                    double scaled = v * (1 << PRECISION_BITS);
                    weights[xx * ksize + x] = (int) (v < 0 ? -0.5 + scaled : 0.5 + scaled);
                }
                bounds[2 * xx] = xmin;
                bounds[2 * xx + 1] = xmax;
            }
        }
    }

    private static int clip8(int v) {
        if (v >= (1 << PRECISION_BITS << 8)) {
            return 255;
        }
        if (v <= 0) {
            return 0;
        }
        return v >> PRECISION_BITS;
    }

    private static byte[] horizontal(byte[] src, int w, int h, int cn, int ow, Coefficients c) {
        byte[] out = new byte[ow * h * cn];
        int ksize = c.ksize;
        int[] kk = c.weights;
        int[] bounds = c.bounds;
        // Planar int copies of one row so that the dot products run over contiguous ints.
        int[][] planes = new int[cn][w];
        for (int y = 0; y < h; y++) {
            int row = y * w * cn;
            for (int x = 0, i = row; x < w; x++) {
                for (int ch = 0; ch < cn; ch++, i++) {
                    planes[ch][x] = src[i] & 0xFF;
                }
            }
            for (int ch = 0; ch < cn; ch++) {
                int[] p = planes[ch];
                int o = y * ow * cn + ch;
                for (int xx = 0; xx < ow; xx++, o += cn) {
                    int xmin = bounds[2 * xx];
                    int xmax = bounds[2 * xx + 1];
                    int base = xx * ksize;
                    out[o] = (byte) clip8((1 << (PRECISION_BITS - 1)) + dot(p, xmin, kk, base, xmax));
                }
            }
        }
        return out;
    }

    /** Σ a[ai + x]·b[bi + x] for x < n in int arithmetic (wraps exactly, as Pillow's C). */
    private static int dot(int[] a, int ai, int[] b, int bi, int n) {
        int s = 0;
        for (int x = 0; x < n; x++) {
            s += a[ai + x] * b[bi + x];
        }
        return s;
    }

    private static byte[] vertical(byte[] src, int w, int h, int cn, int oh, Coefficients c) {
        int stride = w * cn;
        byte[] out = new byte[oh * stride];
        int ksize = c.ksize;
        int[] acc = new int[stride];
        for (int yy = 0; yy < oh; yy++) {
            int ymin = c.bounds[2 * yy];
            int ymax = c.bounds[2 * yy + 1];
            java.util.Arrays.fill(acc, 1 << (PRECISION_BITS - 1));
            for (int y = 0; y < ymax; y++) {
                int k = c.weights[yy * ksize + y];
                int row = (ymin + y) * stride;
                for (int i = 0; i < stride; i++) {
                    acc[i] += (src[row + i] & 0xFF) * k;
                }
            }
            for (int i = 0; i < stride; i++) {
                out[yy * stride + i] = (byte) clip8(acc[i]);
            }
        }
        return out;
    }
}
