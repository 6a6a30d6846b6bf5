package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The 1st, 5th and 99th percentiles (numpy's default "linear" method) of CleanVision's per-pixel
 * perceived brightness sqrt(0.241·R² + 0.691·G² + 0.068·B²)/255, found exactly without sorting
 * every pixel: the values are ordered by the integer key 241·R² + 691·G² + 68·B² (keys that differ
 * differ by ≥ 1e-3 in the sum, far above rounding), {@link RgbPass} counts keys in 2^14-wide
 * buckets (a table that fits the L1 cache), a second pass collects the few buckets that hold the
 * wanted ranks and sorts only those.
 *
 * @param p1  1st percentile, in [0, 1]
 * @param p5  5th percentile
 * @param p99 99th percentile
 */
record BrightnessPercentiles(double p1, double p5, double p99) {
    static final int BUCKET_SHIFT = 14;
    /** Number of key buckets. */
    static final int BUCKETS = ((255 * 255 * 1000) >> BUCKET_SHIFT) + 1;
    static final int[] KR = new int[256];
    static final int[] KG = new int[256];
    static final int[] KB = new int[256];

    static {
        for (int v = 0; v < 256; v++) {
            KR[v] = 241 * v * v;
            KG[v] = 691 * v * v;
            KB[v] = 68 * v * v;
        }
    }

    static BrightnessPercentiles of(PixelImage image) {
        return image.derived("perceived_brightness.percentiles", BrightnessPercentiles::compute);
    }

    /** The per-pixel value exactly as CleanVision's numpy expression evaluates it. */
    static double value(int r, int g, int b) {
        return Math.sqrt(0.241 * (r * r) + 0.691 * (g * g) + 0.068 * (b * b)) / 255;
    }

    private static BrightnessPercentiles compute(PixelImage image) {
        byte[] rgb = image.rgb();
        int n = rgb.length / 3;
        double[] quantiles = {0.01, 0.05, 0.99};
        long[] ranks = new long[6];
        double[] gammas = new double[3];
        for (int q = 0; q < 3; q++) {
            double index = quantiles[q] * (n - 1);
            long lo = (long) Math.floor(index);
            ranks[2 * q] = lo;
            ranks[2 * q + 1] = Math.min(lo + 1, n - 1);
            gammas[q] = index - lo;
        }
        int[] counts = RgbPass.of(image).keyCounts();
        // For each wanted rank: its bucket and the number of values in earlier buckets.
        int[] bucketOf = new int[6];
        long[] before = new long[6];
        long cumulative = 0;
        for (int bucket = 0, next = 0; bucket < counts.length && next < 6; bucket++) {
            long end = cumulative + counts[bucket];
            for (int k = 0; k < 6; k++) {
                if (ranks[k] >= cumulative && ranks[k] < end) {
                    bucketOf[k] = bucket;
                    before[k] = cumulative;
                    next++;
                }
            }
            cumulative = end;
        }
        // Slots for the distinct target buckets; entries are key << 24 | rgb, sorted by key.
        int[] slotOfBucket = new int[BUCKETS];
        long[][] members = new long[6][];
        int[] filled = new int[6];
        int slots = 0;
        int[] slotOfRank = new int[6];
        for (int k = 0; k < 6; k++) {
            int bucket = bucketOf[k];
            int slot = -1;
            for (int j = 0; j < k; j++) {
                if (bucketOf[j] == bucket) {
                    slot = slotOfRank[j];
                    break;
                }
            }
            if (slot < 0) {
                slot = slots++;
                members[slot] = new long[counts[bucket]];
            }
            slotOfRank[k] = slot;
        }
        for (int k = 0; k < 6; k++) {
            slotOfBucket[bucketOf[k]] = slotOfRank[k] + 1;
        }
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 0xFF;
            int g = rgb[i + 1] & 0xFF;
            int b = rgb[i + 2] & 0xFF;
            int key = KR[r] + KG[g] + KB[b];
            int slot = slotOfBucket[key >>> BUCKET_SHIFT] - 1;
            if (slot >= 0) {
                members[slot][filled[slot]++] = ((long) key << 24) | (r << 16) | (g << 8) | b;
            }
        }
        for (int s = 0; s < slots; s++) {
            Arrays.sort(members[s]);
        }
        double[] out = new double[3];
        for (int q = 0; q < 3; q++) {
            double a = valueAt(members[slotOfRank[2 * q]], ranks[2 * q] - before[2 * q]);
            double b = valueAt(members[slotOfRank[2 * q + 1]], ranks[2 * q + 1] - before[2 * q + 1]);
            out[q] = lerp(a, b, gammas[q]);
        }
        return new BrightnessPercentiles(out[0], out[1], out[2]);
    }

    /**
     * The value at a rank of members sorted by exact key. Pixels of one key can differ in their
     * double value by an ulp (the float sum rounds differently), and numpy sorts those doubles: so
     * the value at a rank inside a run of equal keys is the run's values sorted, not the pixel there.
     */
    private static double valueAt(long[] sorted, long index) {
        int i = (int) index;
        long key = sorted[i] >>> 24;
        int from = i;
        while (from > 0 && sorted[from - 1] >>> 24 == key) {
            from--;
        }
        int to = i + 1;
        while (to < sorted.length && sorted[to] >>> 24 == key) {
            to++;
        }
        // Equal pixels lie together (sorted by key, then r, g, b): one value per distinct pixel, with its count.
        List<double[]> distinct = new ArrayList<>();
        for (int k = from; k < to; k++) {
            long e = sorted[k];
            if (k > from && e == sorted[k - 1]) {
                distinct.get(distinct.size() - 1)[1]++;
            } else {
                distinct.add(new double[] {value((int) (e >> 16) & 0xFF, (int) (e >> 8) & 0xFF, (int) e & 0xFF), 1});
            }
        }
        distinct.sort(Comparator.comparingDouble(d -> d[0]));
        long left = i - from;
        for (double[] d : distinct) {
            left -= (long) d[1];
            if (left < 0) {
                return d[0];
            }
        }
        throw new IllegalStateException("rank " + index + " outside its run");
    }

    /** numpy's {@code _lerp}: a + (b − a)·t, or b − (b − a)·(1 − t) when t ≥ 0.5. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
