package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;
import dev.loupe.core.metrics.image.PillowResample.Coefficients;
import dev.loupe.core.metrics.image.PillowResample.Filter;

/**
 * The small images of the Pillow-based metrics, made in one pass over the RGB pixels and shared
 * through {@link PixelImage#derived}: CleanVision's thumbnail (RGB resized with BICUBIC to longest
 * side ≤ 64, then {@code convert("L")}) and imagehash's LANCZOS resizes of {@code convert("L")} to
 * 32×32 (pHash) and 9×8 (dHash). Bit-identical to {@link PillowResample#resize} on each input.
 *
 * <p>Bands of {@link #BAND} rows are transposed once: one int array per source column holding the
 * band's L, R, G and B values as four planes. The three horizontal passes read the same band, and
 * each tap is one multiply-add over contiguous ints, which C2 vectorises. The vertical passes
 * follow on the small intermediate images. Integer sums are exact, so neither the order of the
 * additions nor computing the horizontal pass on rows that the vertical pass does not read changes
 * any value.
 */
final class PillowThumbnails {
    /** Side of imagehash's pHash input. */
    static final int PHASH_SIDE = 32;
    /** dHash input: 9 columns, 8 rows. */
    static final int DHASH_WIDTH = 9;
    static final int DHASH_HEIGHT = 8;

    /**
     * Rows transposed at a time: a column holds L at [0, BAND), then R, G and B in the next three
     * BANDs (640 columns: 1 MB, about one core's L2).
     */
    private static final int BAND = 96;
    private static final int L = 0;
    private static final int R = BAND;
    private static final int G = 2 * BAND;
    private static final int B = 3 * BAND;
    /** Widest image whose transposition buffer is kept per thread between images. */
    private static final int MAX_CACHED_WIDTH = 4096;

    /** The small images. */
    record Thumbnails(PillowGrey.Grey cleanVision, byte[] phash, byte[] dhash) {
    }

    private static final class Scratch {
        int[][] cols = new int[0][];
        final int[] acc = new int[4 * BAND];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private PillowThumbnails() {
    }

    static Thumbnails of(PixelImage image) {
        return image.derived("pillow.thumbnails", PillowThumbnails::compute);
    }

    private static Thumbnails compute(PixelImage image) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        int side = PillowGrey.CLEANVISION_SIDE;
        int longest = Math.max(w, h);
        boolean cvResize = longest > side;
        // ratio = longest / 64 is exact in binary, so Python's w // ratio is floor(64·w / longest).
        int cvW = cvResize ? Math.max((int) ((long) side * w / longest), 1) : w;
        int cvH = cvResize ? Math.max((int) ((long) side * h / longest), 1) : h;

        Coefficients cvX = cvResize && cvW != w ? PillowResample.coefficients(w, cvW, Filter.BICUBIC) : null;
        Coefficients phX = PHASH_SIDE != w ? PillowResample.coefficients(w, PHASH_SIDE, Filter.LANCZOS) : null;
        Coefficients dhX = DHASH_WIDTH != w ? PillowResample.coefficients(w, DHASH_WIDTH, Filter.LANCZOS) : null;
        int[][] cvTmp = cvX != null ? new int[h][cvW * 3] : null;
        int[][] phTmp = phX != null ? new int[h][PHASH_SIDE] : null;
        int[][] dhTmp = dhX != null ? new int[h][DHASH_WIDTH] : null;
        if (cvX != null || phX != null || dhX != null) {
            horizontalPasses(rgb, w, h, cvX, cvTmp, phX, phTmp, dhX, dhTmp);
        }

        PillowGrey.Grey cv;
        if (!cvResize) {
            cv = new PillowGrey.Grey(w, h, PillowGrey.full(image));
        } else {
            byte[] small = cvTmp != null ? finish(cvTmp, cvW * 3, h, cvH, Filter.BICUBIC)
                    : PillowResample.resize(rgb, w, h, 3, cvW, cvH, Filter.BICUBIC);
            cv = new PillowGrey.Grey(cvW, cvH, PillowGrey.toL(small));
        }
        byte[] ph = phTmp != null ? finish(phTmp, PHASH_SIDE, h, PHASH_SIDE, Filter.LANCZOS)
                : PillowResample.resize(PillowGrey.full(image), w, h, 1, PHASH_SIDE, PHASH_SIDE, Filter.LANCZOS);
        byte[] dh = dhTmp != null ? finish(dhTmp, DHASH_WIDTH, h, DHASH_HEIGHT, Filter.LANCZOS)
                : PillowResample.resize(PillowGrey.full(image), w, h, 1, DHASH_WIDTH, DHASH_HEIGHT, Filter.LANCZOS);
        return new Thumbnails(cv, ph, dh);
    }

    /** The vertical pass (when the height changes) on the horizontal pass's rows 0..h−1. */
    private static byte[] finish(int[][] tmp, int stride, int h, int oh, Filter filter) {
        if (oh == h) {
            return PillowResample.toBytes(tmp, stride);
        }
        return PillowResample.vertical(tmp, stride, oh, PillowResample.coefficients(h, oh, filter), 0);
    }

    private static void horizontalPasses(byte[] rgb, int w, int h, Coefficients cvX, int[][] cvTmp,
            Coefficients phX, int[][] phTmp, Coefficients dhX, int[][] dhTmp) {
        Scratch s = SCRATCH.get();
        int[][] cols = s.cols;
        if (cols.length < w) {
            cols = new int[w][4 * BAND];
            if (w <= MAX_CACHED_WIDTH) {
                s.cols = cols;
            }
        }
        int[] acc = s.acc;
        boolean needGrey = phX != null || dhX != null;
        int scn = w * 3;
        for (int yb = 0; yb < h; yb += BAND) {
            int rows = Math.min(BAND, h - yb);
            for (int x = 0; x < w; x++) {
                int[] c = cols[x];
                for (int r = 0, si = yb * scn + 3 * x; r < rows; r++, si += scn) {
                    c[R + r] = rgb[si] & 0xFF;
                    c[G + r] = rgb[si + 1] & 0xFF;
                    c[B + r] = rgb[si + 2] & 0xFF;
                }
                if (needGrey) {
                    // Pillow's convert("L"): ITU-R 601-2 luma in 16-bit fixed point.
                    for (int r = 0; r < BAND; r++) {
                        c[L + r] = (c[R + r] * 19595 + c[G + r] * 38470 + c[B + r] * 7471 + 0x8000) >> 16;
                    }
                }
            }
            if (cvX != null) {
                int ow = cvX.bounds.length / 2;
                for (int xx = 0; xx < ow; xx++) {
                    PillowResample.accumulate(acc, R, B + rows, cols, cvX.bounds[2 * xx], cvX.weights, xx * cvX.ksize,
                            cvX.bounds[2 * xx + 1]);
                    int d = 3 * xx;
                    for (int r = 0; r < rows; r++) {
                        int[] o = cvTmp[yb + r];
                        o[d] = PillowResample.clip8(acc[R + r]);
                        o[d + 1] = PillowResample.clip8(acc[G + r]);
                        o[d + 2] = PillowResample.clip8(acc[B + r]);
                    }
                }
            }
            if (phX != null) {
                grey(cols, phX, phTmp, yb, rows, acc);
            }
            if (dhX != null) {
                grey(cols, dhX, dhTmp, yb, rows, acc);
            }
        }
    }

    /** Horizontal pass of the band's L plane: out[yb + r][xx] for every output column xx. */
    private static void grey(int[][] cols, Coefficients c, int[][] out, int yb, int rows, int[] acc) {
        int ow = c.bounds.length / 2;
        for (int xx = 0; xx < ow; xx++) {
            PillowResample.accumulate(acc, L, L + rows, cols, c.bounds[2 * xx], c.weights, xx * c.ksize,
                    c.bounds[2 * xx + 1]);
            for (int r = 0; r < rows; r++) {
                out[yb + r][xx] = PillowResample.clip8(acc[L + r]);
            }
        }
    }
}
