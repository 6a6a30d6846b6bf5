package dev.loupe.core.similarity;

import java.util.Arrays;

/**
 * The near-duplicate distance threshold of one dataset, from its own nearest-neighbour distances
 * rather than a constant: a pair is a near duplicate when it is far closer than images of this
 * dataset usually are to their nearest neighbour. On the log scale (distances are ratios: a blurred
 * copy is "much closer", not "0.02 closer"), with x = ln(d + offset) for each image's distance d to
 * its nearest other image,
 * <pre>threshold = exp(median(x) − Z · max(1.4826 · MAD(x), MIN_SPREAD)) − offset</pre>
 * (MAD the median absolute deviation, 1.4826 · MAD the standard deviation for normal data), floored at
 * 0 so that identical items always qualify. {@link #Z} = 3: a normal spread of log distances puts about 1
 * in 740 images below it, so a dataset without duplicates gets few (Fashion-MNIST's 10 000 test images
 * with the fallback embedding: 4, i.e. 0.04%; Z = 2.5 would give 0.22%, Z = 4 0.02%), while a copy, which
 * lies many times closer than two distinct images, is far below. {@link #MIN_SPREAD} keeps a dataset whose
 * distances are all alike from flagging its median.
 *
 * @param threshold the distance at or below which two items are near duplicates
 * @param median    the median nearest-neighbour distance
 * @param spread    the robust spread used (log scale)
 * @param offset    added before the logarithm (cosine: 0; Hamming bits: 1); distances of 0 without an offset are left out
 */
public record DuplicateThreshold(double threshold, double median, double spread, double offset) {
    public static final double Z = 3;
    public static final double MIN_SPREAD = 0.1;
    /** Fewer nearest distances than this give no threshold (0: only identical items). */
    public static final int MIN_ITEMS = 8;

    /** Offset for cosine distances (an embedding): none; distances of 0 (identical vectors) are left out of the statistics. */
    public static final double COSINE_OFFSET = 0;
    /** Offset for Hamming distances in bits (a hash). */
    public static final double HAMMING_OFFSET = 1;

    /** The threshold of a dataset whose items have these nearest-neighbour distances (NaN ignored). */
    public static DuplicateThreshold of(double[] nearest, double offset) {
        double[] x = Arrays.stream(nearest).filter(d -> !Double.isNaN(d) && d + offset > 0).map(d -> Math.log(d + offset)).sorted().toArray();
        if (x.length < MIN_ITEMS) {
            return new DuplicateThreshold(0, x.length == 0 ? Double.NaN : Math.exp(median(x)) - offset, Double.NaN, offset);
        }
        double med = median(x);
        double[] dev = Arrays.stream(x).map(v -> Math.abs(v - med)).sorted().toArray();
        double spread = Math.max(1.4826 * median(dev), MIN_SPREAD);
        double t = Math.max(0, Math.exp(med - Z * spread) - offset);
        return new DuplicateThreshold(t, Math.exp(med) - offset, spread, offset);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
