package dev.loupe.eval.performance;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Quantile bins that keep equal values together (see the package documentation). The cut values
 * are order statistics found by a multi-quickselect (expected O(n log k)), not a full sort.
 */
final class Binning {
    /** The bin index given to missing (NaN or infinite) values. */
    static final int MISSING = -1;
    private static final int SMALL = 24;

    private Binning() {
    }

    /** The finite values, in input order. */
    static double[] finite(double[] values) {
        double[] out = new double[values.length];
        int m = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                out[m++] = v;
            }
        }
        return m == out.length ? out : Arrays.copyOf(out, m); // never the input array itself
    }

    /**
     * The starts of bins 1..k-1 (bin 0 starts at the minimum) of the finite values: the values of
     * rank floor(j * m / k), 0-based, among the m sorted finite values, without repeats and
     * without the minimum. Empty when there are no finite values or all are equal.
     */
    static double[] quantileCuts(double[] values, int k) {
        double[] a = finite(values); // a fresh copy, which select() may reorder
        int m = a.length;
        if (m == 0 || k < 2) {
            return new double[0];
        }
        double min = a[0];
        for (double v : a) {
            min = Math.min(min, v);
        }
        int[] ranks = new int[k - 1];
        for (int j = 1; j < k; j++) {
            ranks[j - 1] = (int) ((long) j * m / k);
        }
        double[] at = new double[ranks.length];
        select(a, 0, m - 1, ranks, 0, ranks.length, at, new SplittableRandom(m));
        double[] cuts = new double[at.length];
        int n = 0;
        for (double c : at) {
            if (c > min && (n == 0 || c > cuts[n - 1])) {
                cuts[n++] = c;
            }
        }
        return Arrays.copyOf(cuts, n);
    }

    /**
     * Puts into out[q] the value of rank ranks[q] of a[lo..hi] for q in [pLo, pHi); the ranks are
     * ascending. Rearranges a.
     */
    private static void select(double[] a, int lo, int hi, int[] ranks, int pLo, int pHi, double[] out,
                               SplittableRandom rnd) {
        while (pLo < pHi) {
            if (hi - lo < SMALL) {
                Arrays.sort(a, lo, hi + 1);
                for (int q = pLo; q < pHi; q++) {
                    out[q] = a[ranks[q]];
                }
                return;
            }
            double pivot = a[lo + rnd.nextInt(hi - lo + 1)];
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) { // three-way partition: < pivot | == pivot | > pivot
                double v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            int left = pLo;
            while (left < pHi && ranks[left] < lt) {
                left++;
            }
            int right = left;
            while (right < pHi && ranks[right] <= gt) {
                out[right++] = pivot;
            }
            select(a, lo, lt - 1, ranks, pLo, left, out, rnd);
            lo = gt + 1;
            pLo = right;
        }
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
