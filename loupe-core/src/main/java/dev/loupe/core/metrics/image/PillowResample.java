package dev.loupe.core.metrics.image;

import java.util.concurrent.ConcurrentHashMap;

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

    /** Rows (grey) or row·channel values (RGB) transposed together in the horizontal pass. */
    private static final int BAND = 96;
    /** Columns per tile when transposing a band (keeps the written cache lines in L1). */
    private static final int TILE = 128;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private static final ConcurrentHashMap<Key, Coefficients> CACHE = new ConcurrentHashMap<>();

    private record Key(int inSize, int outSize, Filter filter) {
    }

    private PillowResample() {
    }

    /**
     * Resizes an interleaved 8-bit image with {@code cn} channels (1 or 3) from w×h to ow×oh.
     * Returns the source array itself when the size does not change.
     */
    static byte[] resize(byte[] src, int w, int h, int cn, int ow, int oh, Filter filter) {
        boolean needH = ow != w;
        boolean needV = oh != h;
        if (!needH && !needV) {
            return src;
        }
        if (!needV) {
            return toBytes(horizontal(src, w, cn, 0, h, ow, coefficients(w, ow, filter)), ow * cn);
        }
        Coefficients cv = coefficients(h, oh, filter);
        if (!needH) {
            int stride = w * cn;
            int[][] rows = new int[h][stride];
            for (int y = 0; y < h; y++) {
                for (int i = 0; i < stride; i++) {
                    rows[y][i] = src[y * stride + i] & 0xFF;
                }
            }
            return vertical(rows, stride, oh, cv, 0);
        }
        // As Pillow: the horizontal pass runs only on the rows that the vertical pass reads.
        int yFirst = cv.bounds[0];
        int yLast = cv.bounds[2 * oh - 2] + cv.bounds[2 * oh - 1];
        int[][] tmp = horizontal(src, w, cn, yFirst, yLast, ow, coefficients(w, ow, filter));
        return vertical(tmp, ow * cn, oh, cv, yFirst);
    }

    /** The coefficients of one axis, computed once per (input size, output size, filter). */
    static Coefficients coefficients(int inSize, int outSize, Filter filter) {
        Key key = new Key(inSize, outSize, filter);
        Coefficients c = CACHE.get(key);
        if (c == null) {
            c = new Coefficients(inSize, outSize, filter);
            if (CACHE.size() < 4096) {
                CACHE.putIfAbsent(key, c);
            }
        }
        return c;
    }

    /** Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis. */
    static final class Coefficients {
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

    static int clip8(int v) {
        if (v >= (1 << PRECISION_BITS << 8)) {
            return 255;
        }
        if (v <= 0) {
            return 0;
        }
        return v >> PRECISION_BITS;
    }

    /**
     * Horizontal pass on source rows [y0, y1): one int[ow·cn] per row, values 0..255. Bands of rows
     * are transposed (one int array per source column) so that each tap is a multiply-add over
     * contiguous ints that C2 vectorises; integer sums are exact, so the order of the additions
     * does not change the result.
     */
    private static int[][] horizontal(byte[] src, int w, int cn, int y0, int y1, int ow, Coefficients c) {
        int ocn = ow * cn;
        int[][] out = new int[y1 - y0][ocn];
        int ksize = c.ksize;
        int[] kk = c.weights;
        int[] bounds = c.bounds;
        int band = Math.max(1, BAND / cn);
        int[][] t = new int[w][band * cn];
        int[] acc = new int[band * cn];
        int scn = w * cn;
        for (int yb = y0; yb < y1; yb += band) {
            int rows = Math.min(band, y1 - yb);
            int len = rows * cn;
            // t[x][r·cn + ch] = src(x, yb + r, ch)
            for (int xb = 0; xb < w; xb += TILE) {
                int xe = Math.min(w, xb + TILE);
                for (int r = 0; r < rows; r++) {
                    int s = (yb + r) * scn;
                    if (cn == 1) {
                        for (int x = xb; x < xe; x++) {
                            t[x][r] = src[s + x] & 0xFF;
                        }
                    } else {
                        int d = r * cn;
                        for (int x = xb, si = s + xb * cn; x < xe; x++) {
                            int[] col = t[x];
                            for (int ch = 0; ch < cn; ch++, si++) {
                                col[d + ch] = src[si] & 0xFF;
                            }
                        }
                    }
                }
            }
            for (int xx = 0; xx < ow; xx++) {
                accumulate(acc, 0, len, t, bounds[2 * xx], kk, xx * ksize, bounds[2 * xx + 1]);
                int d = xx * cn;
                for (int r = 0, a = 0; r < rows; r++) {
                    int[] o = out[yb - y0 + r];
                    for (int ch = 0; ch < cn; ch++, a++) {
                        o[d + ch] = clip8(acc[a]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * acc[i] = ½ + Σ_k kk[kBase + k] · src[first + k][i] for from ≤ i < to, k < n (one output
     * value per i), four taps per sweep over acc.
     */
    static void accumulate(int[] acc, int from, int to, int[][] src, int first, int[] kk, int kBase, int n) {
        java.util.Arrays.fill(acc, from, to, HALF);
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            int w0 = kk[kBase + k];
            int w1 = kk[kBase + k + 1];
            int w2 = kk[kBase + k + 2];
            int w3 = kk[kBase + k + 3];
            int[] s0 = src[first + k];
            int[] s1 = src[first + k + 1];
            int[] s2 = src[first + k + 2];
            int[] s3 = src[first + k + 3];
            for (int i = from; i < to; i++) {
                acc[i] += w0 * s0[i] + w1 * s1[i] + w2 * s2[i] + w3 * s3[i];
            }
        }
        for (; k < n; k++) {
            int w0 = kk[kBase + k];
            int[] s0 = src[first + k];
            for (int i = from; i < to; i++) {
                acc[i] += w0 * s0[i];
            }
        }
    }

    /** Vertical pass on an int image (one array per row) whose first row is source row {@code yShift}. */
    static byte[] vertical(int[][] src, int stride, int oh, Coefficients c, int yShift) {
        byte[] out = new byte[oh * stride];
        int[] acc = new int[stride];
        for (int yy = 0; yy < oh; yy++) {
            accumulate(acc, 0, stride, src, c.bounds[2 * yy] - yShift, c.weights, yy * c.ksize, c.bounds[2 * yy + 1]);
            for (int i = 0, o = yy * stride; i < stride; i++, o++) {
                out[o] = (byte) clip8(acc[i]);
            }
        }
        return out;
    }

    static byte[] toBytes(int[][] rows, int stride) {
        byte[] out = new byte[rows.length * stride];
        for (int y = 0, o = 0; y < rows.length; y++) {
            int[] r = rows[y];
            for (int i = 0; i < stride; i++, o++) {
                out[o] = (byte) r[i];
            }
        }
        return out;
    }
}
