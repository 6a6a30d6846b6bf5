package dev.loupe.eval.labels;

import java.util.Arrays;

/** The numpy reductions and sorts cleanlab relies on, with numpy's summation order. */
final class NumpyOps {
    private static final int PAIRWISE_BLOCK = 128;

    private NumpyOps() {
    }

    /** numpy's pairwise_sum_DOUBLE over a[from, from+n): what np.sum / np.mean do on a contiguous array. */
    static double pairwiseSum(double[] a, int from, int n) {
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
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    /** np.sum of a whole (row-major, contiguous) matrix. */
    static double sum(double[][] m) {
        int k = m.length;
        double[] flat = new double[k * m[0].length];
        for (int i = 0; i < k; i++) {
            System.arraycopy(m[i], 0, flat, i * m[i].length, m[i].length);
        }
        return pairwiseSum(flat, 0, flat.length);
    }

    /** m.sum(axis=0): rows added one after the other. */
    static double[] columnSums(double[][] m) {
        double[] s = m[0].clone();
        for (int i = 1; i < m.length; i++) {
            for (int j = 0; j < s.length; j++) {
                s[j] += m[i][j];
            }
        }
        return s;
    }

    /**
     * Indices that sort {@code keys} ascending, equal keys in input order (np.argsort with a stable
     * kind; numpy's default quicksort agrees wherever keys are distinct).
     */
    static int[] argsort(double[] keys) {
        Integer[] idx = new Integer[keys.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        // numeric order as numpy (-0.0 == 0.0), not Double.compare's
        Arrays.sort(idx, (a, b) -> keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
