package dev.loupe.eval.labels;

import dev.loupe.eval.NumpyMath;
import java.util.Arrays;

/** The numpy reductions and sorts cleanlab relies on, with numpy's summation order. */
final class NumpyOps {
    private NumpyOps() {
    }

    /** numpy's pairwise_sum_DOUBLE over a[from, from+n) ({@link NumpyMath#pairwiseSum}, the one COCOeval uses too). */
    static double pairwiseSum(double[] a, int from, int n) {
        return NumpyMath.pairwiseSum(a, from, n);
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
