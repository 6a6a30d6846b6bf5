package dev.loupe.embed.model;

/**
 * Antialiased bilinear resampling of 8-bit RGB to float RGB (0..255), separable: a triangle filter
 * whose support widens with the downscale factor (as Pillow's BILINEAR does), sample centres at
 * half-pixel positions. Upscaling is plain bilinear interpolation; the same size is the identity.
 */
public final class Resize {
    private Resize() {
    }

    /** Resizes {@code w x h} interleaved RGB bytes to {@code ow x oh} interleaved RGB floats. */
    public static float[] bilinear(byte[] rgb, int w, int h, int ow, int oh) {
        Kernel kx = Kernel.of(w, ow);
        Kernel ky = Kernel.of(h, oh);
        float[] tmp = new float[h * ow * 3];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            for (int x = 0; x < ow; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int first = kx.first[x];
                for (int k = 0; k < kx.count[x]; k++) {
                    float wt = kx.weights[x][k];
                    int p = row + 3 * (first + k);
                    r += wt * (rgb[p] & 0xFF);
                    g += wt * (rgb[p + 1] & 0xFF);
                    b += wt * (rgb[p + 2] & 0xFF);
                }
                int o = (y * ow + x) * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = b;
            }
        }
        float[] out = new float[oh * ow * 3];
        for (int y = 0; y < oh; y++) {
            int first = ky.first[y];
            for (int k = 0; k < ky.count[y]; k++) {
                float wt = ky.weights[y][k];
                int src = (first + k) * ow * 3;
                int dst = y * ow * 3;
                for (int i = 0; i < ow * 3; i++) {
                    out[dst + i] += wt * tmp[src + i];
                }
            }
        }
        return out;
    }

    /** Filter taps per output position. */
    private record Kernel(int[] first, int[] count, float[][] weights) {
        static Kernel of(int in, int out) {
            double scale = (double) in / out;
            double support = Math.max(1.0, scale);
            int[] first = new int[out];
            int[] count = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in, (int) Math.ceil(centre + support));
                double[] w = new double[hi - lo];
                double sum = 0;
                for (int i = lo; i < hi; i++) {
                    double d = Math.abs((i + 0.5 - centre) / support);
                    w[i - lo] = Math.max(0, 1 - d);
                    sum += w[i - lo];
                }
                if (sum == 0) {
                    // The output lies between input samples that the filter misses: take the nearest.
                    int nearest = Math.min(in - 1, Math.max(0, (int) Math.floor(centre)));
                    first[o] = nearest;
                    count[o] = 1;
                    weights[o] = new float[] {1f};
                    continue;
                }
                first[o] = lo;
                count[o] = hi - lo;
                weights[o] = new float[hi - lo];
                for (int i = 0; i < w.length; i++) {
                    weights[o][i] = (float) (w[i] / sum);
                }
            }
            return new Kernel(first, count, weights);
        }
    }
}
