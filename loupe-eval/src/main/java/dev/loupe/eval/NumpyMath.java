package dev.loupe.eval;

import java.util.Arrays;

/** The few numpy operations COCOeval relies on, with numpy's exact arithmetic and ordering. */
public final class NumpyMath {
    /** np.spacing(1): the gap between 1.0 and the next double, 2^-52. */
    static final double SPACING_1 = Math.ulp(1.0);

    private static final int PAIRWISE_BLOCK = 128;
    /** numpy's default ufunc buffer size, in elements. */
    private static final int REDUCE_BUFFER = 8192;

    private NumpyMath() {
    }

    /**
     * np.linspace(start, stop, num) with endpoint: {@code i * step + start} with
     * {@code step = (stop - start) / (num - 1)}, and the last value set to exactly {@code stop}.
     */
    static double[] linspace(double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("num must be >= 0: " + num);
        }
        double[] y = new double[num];
        if (num == 1) {
            y[0] = start;
            return y;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        if (num > 1) {
            y[num - 1] = stop;
        }
        return y;
    }

    /** np.round for the non-negative values used in Params (round half to even, as numpy). */
    static int roundHalfEven(double v) {
        return (int) Math.rint(v);
    }

    /**
     * np.searchsorted(a, v, side='left') for a non-decreasing array: the first index i with
     * {@code a[i] >= v}, or a.length if none.
     */
    static int searchSortedLeft(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Indices that sort {@code keys} in descending order, equal keys keeping their input order:
     * np.argsort(-keys, kind='mergesort'). Equality is numeric ({@code -0.0 == 0.0}, as numpy).
     *
     * @throws IllegalArgumentException if a key is NaN
     */
    static int[] stableOrderDescending(double[] keys, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(keys[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            idx[i] = i;
        }
        mergeSortDescending(idx, new int[n], 0, n, keys);
        return idx;
    }

    private static final int INSERTION_RUN = 32;

    /** Stable top-down merge sort of idx[lo, hi) by keys, descending, on primitives. */
    private static void mergeSortDescending(int[] idx, int[] tmp, int lo, int hi, double[] keys) {
        if (hi - lo <= INSERTION_RUN) {
            for (int i = lo + 1; i < hi; i++) {
                int v = idx[i];
                double kv = keys[v];
                int j = i - 1;
                while (j >= lo && keys[idx[j]] < kv) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSortDescending(idx, tmp, lo, mid, keys);
        mergeSortDescending(idx, tmp, mid, hi, keys);
        if (!(keys[idx[mid - 1]] < keys[idx[mid]])) {
            return; // the halves are already in order
        }
        System.arraycopy(idx, lo, tmp, lo, hi - lo);
        int l = lo;
        int r = mid;
        for (int o = lo; o < hi; o++) {
            if (r >= hi || (l < mid && keys[tmp[l]] >= keys[tmp[r]])) {
                idx[o] = tmp[l++];
            } else {
                idx[o] = tmp[r++];
            }
        }
    }

    /**
     * np.mean of a float64 array as numpy 1.x computes it: the reduction is buffered in chunks of
     * 8192 elements, each chunk is summed pairwise ({@link #pairwiseSum}) and the chunk sums are
     * added in order to 0; the total is divided by the count. (Newer numpy sums a contiguous array
     * pairwise in one piece, which can differ in the last bit; pycocotools' published reference
     * values match the chunked sum bit for bit.) NaN for an empty array.
     */
    static double mean(double[] a, int n) {
        double sum = 0;
        for (int from = 0; from < n; from += REDUCE_BUFFER) {
            sum += pairwiseSum(a, from, Math.min(REDUCE_BUFFER, n - from));
        }
        return sum / n;
    }

    /** numpy's pairwise_sum_DOUBLE over a[from, from+n): what np.sum / np.mean do on a contiguous array. */
    public static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= PAIRWISE_BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
        }
    }
}
