package dev.loupe.eval.compare;

/**
 * Histograms of two samples on the same equal-width bins from the smaller minimum to the larger
 * maximum of both: bin k holds values in {@code [edges[k], edges[k+1])}, the last bin also its
 * upper edge. When every value is equal there is one bin {@code [v, v]}; when both sides are empty
 * there is none.
 *
 * @param edges   {@code bins + 1} increasing edges (2 equal edges for a constant metric)
 * @param countsA values of the first sample per bin
 * @param countsB values of the second sample per bin
 */
public record SharedHistogram(double[] edges, long[] countsA, long[] countsB) {
    /** The most bins a request may ask for. */
    public static final int MAX_BINS = 200;

    /** Bins two sorted samples of finite values into {@code bins} shared bins (1 to {@value #MAX_BINS}). */
    public static SharedHistogram of(double[] a, double[] b, int bins) {
        if (bins < 1 || bins > MAX_BINS) {
            throw new IllegalArgumentException("bins must be between 1 and " + MAX_BINS + ", got " + bins);
        }
        if (a.length == 0 && b.length == 0) {
            return new SharedHistogram(new double[0], new long[0], new long[0]);
        }
        double lo = Math.min(a.length > 0 ? a[0] : Double.POSITIVE_INFINITY, b.length > 0 ? b[0] : Double.POSITIVE_INFINITY);
        double hi = Math.max(a.length > 0 ? a[a.length - 1] : Double.NEGATIVE_INFINITY,
                b.length > 0 ? b[b.length - 1] : Double.NEGATIVE_INFINITY);
        int k = hi > lo ? bins : 1;
        double[] edges = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            edges[i] = i == k ? hi : lo + (hi - lo) * i / k;
        }
        return new SharedHistogram(edges, count(a, edges), count(b, edges));
    }

    /** The bin of a value within the edges (the last bin includes the upper edge). */
    static int bin(double v, double[] edges) {
        int k = edges.length - 1;
        double lo = edges[0];
        double hi = edges[k];
        if (!(hi > lo)) {
            return 0;
        }
        int i = (int) Math.floor((v - lo) / (hi - lo) * k);
        i = Math.max(0, Math.min(i, k - 1));
        // The edges are computed, not multiplied back: move to the bin whose edges really hold v.
        while (i > 0 && v < edges[i]) {
            i--;
        }
        while (i < k - 1 && v >= edges[i + 1]) {
            i++;
        }
        return i;
    }

    private static long[] count(double[] x, double[] edges) {
        long[] counts = new long[edges.length - 1];
        for (double v : x) {
            counts[bin(v, edges)]++;
        }
        return counts;
    }
}
