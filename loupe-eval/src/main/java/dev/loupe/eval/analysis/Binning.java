package dev.loupe.eval.analysis;

import java.util.Arrays;

/** Quantile bins that keep equal values together (see the package documentation). */
final class Binning {
    /** The bin index given to missing (NaN or infinite) values. */
    static final int MISSING = -1;

    private Binning() {
    }

    /** The finite values, sorted ascending. */
    static double[] sortedFinite(double[] values) {
        double[] out = new double[values.length];
        int m = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                out[m++] = v;
            }
        }
        out = Arrays.copyOf(out, m);
        Arrays.sort(out);
        return out;
    }

    /**
     * The starts of bins 1..k-1 (bin 0 starts at the minimum): distinct, ascending, each greater
     * than the minimum. Empty when there are no finite values or all are equal.
     */
    static double[] quantileCuts(double[] sortedFinite, int k) {
        int m = sortedFinite.length;
        double[] cuts = new double[Math.max(0, k - 1)];
        int n = 0;
        for (int j = 1; j < k && m > 0; j++) {
            double c = sortedFinite[(int) ((long) j * m / k)];
            if (c > sortedFinite[0] && (n == 0 || c > cuts[n - 1])) {
                cuts[n++] = c;
            }
        }
        return Arrays.copyOf(cuts, n);
    }

    /** The number of cuts &lt;= v, i.e. the bin of v; {@link #MISSING} when v is not finite. */
    static int binOf(double[] cuts, double v) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        int lo = 0;
        int hi = cuts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cuts[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Quantile bin of every value (MISSING for non-finite ones); {@code cuts.length + 1} bins. */
    static int[] assign(double[] values, double[] cuts) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = binOf(cuts, values[i]);
        }
        return out;
    }
}
