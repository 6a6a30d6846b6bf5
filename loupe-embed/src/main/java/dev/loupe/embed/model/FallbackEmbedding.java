package dev.loupe.embed.model;

import dev.loupe.api.PixelImage;
import java.util.List;

/**
 * A model-free embedding (127 values, unit length) for when no neural model is wanted: colour and
 * coarse layout, no semantics.
 * <ul>
 *   <li>64 values: the joint RGB histogram with 4 levels per channel ({@code bin = 16 r + 4 g + b},
 *       level = value / 64), as fractions of the pixels, square-rooted (so that the dot product of
 *       two histograms is their Bhattacharyya coefficient), times 1/√2;</li>
 *   <li>63 values: the orthonormal 2-D DCT-II of the grey image (0.299 R + 0.587 G + 0.114 B)
 *       resized to 32x32 with {@link Resize}, coefficients (u, v) for 0 ≤ u, v &lt; 8 without the DC term,
 *       in row order (v = vertical frequency, then u), scaled to unit length (contrast invariant) and times 1/√2;
 *       all zero for a flat image.</li>
 * </ul>
 * Both halves weigh the same; the cosine similarity of two vectors is the mean of the histogram
 * similarity and the layout correlation.
 */
public final class FallbackEmbedding implements EmbeddingModel {
    public static final String NAME = "fallback-hist-dct@1";
    static final int LEVELS = 4;
    static final int GRID = 32;
    static final int FREQ = 8;
    public static final int DIMENSION = LEVELS * LEVELS * LEVELS + FREQ * FREQ - 1;
    private static final double[][] COS = cosines();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String description() {
        return "model-free: square-rooted 4x4x4 RGB histogram + low-frequency 8x8 DCT of the 32x32 grey image";
    }

    @Override
    public float[][] embed(List<PixelImage> images) {
        float[][] out = new float[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embed(images.get(i));
        }
        return out;
    }

    static float[] embed(PixelImage image) {
        float[] v = new float[DIMENSION];
        double half = Math.sqrt(0.5);
        byte[] rgb = image.rgb();
        int n = image.width() * image.height();
        long[] counts = new long[64];
        for (int i = 0; i < n; i++) {
            int r = (rgb[3 * i] & 0xFF) >> 6;
            int g = (rgb[3 * i + 1] & 0xFF) >> 6;
            int b = (rgb[3 * i + 2] & 0xFF) >> 6;
            counts[16 * r + 4 * g + b]++;
        }
        for (int k = 0; k < 64; k++) {
            v[k] = (float) (Math.sqrt((double) counts[k] / n) * half);
        }
        float[] small = Resize.bilinear(rgb, image.width(), image.height(), GRID, GRID);
        double[] grey = new double[GRID * GRID];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = 0.299 * small[3 * i] + 0.587 * small[3 * i + 1] + 0.114 * small[3 * i + 2];
        }
        double[] coeff = new double[FREQ * FREQ - 1];
        double norm = 0;
        int k = 0;
        for (int fv = 0; fv < FREQ; fv++) {
            for (int fu = 0; fu < FREQ; fu++) {
                if (fu == 0 && fv == 0) {
                    continue;
                }
                double s = 0;
                for (int y = 0; y < GRID; y++) {
                    double cy = COS[fv][y];
                    double row = 0;
                    for (int x = 0; x < GRID; x++) {
                        row += grey[y * GRID + x] * COS[fu][x];
                    }
                    s += cy * row;
                }
                // A flat image leaves float rounding noise in the AC terms: treat it as zero.
                coeff[k] = Math.abs(s) < 1e-6 ? 0 : s;
                norm += coeff[k] * coeff[k];
                k++;
            }
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < coeff.length; i++) {
            v[64 + i] = norm == 0 ? 0f : (float) (coeff[i] / norm * half);
        }
        return v;
    }

    /** Orthonormal DCT-II basis: COS[u][x] = c(u) cos(π (2x + 1) u / 2N), c(0) = √(1/N), else √(2/N). */
    private static double[][] cosines() {
        double[][] c = new double[FREQ][GRID];
        for (int u = 0; u < FREQ; u++) {
            double scale = u == 0 ? Math.sqrt(1.0 / GRID) : Math.sqrt(2.0 / GRID);
            for (int x = 0; x < GRID; x++) {
                c[u][x] = scale * Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * GRID));
            }
        }
        return c;
    }
}
