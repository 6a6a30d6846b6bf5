package dev.loupe.eval.labels;

/** cleanlab's {@code round_preserving_sum} / {@code round_preserving_row_totals}. */
final class CountRounding {
    private CountRounding() {
    }

    /** Rounds each row to integers so that the row keeps its (rounded) total. */
    static int[][] roundPreservingRowTotals(double[][] m) {
        int[][] out = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = roundPreservingSum(m[i]);
        }
        return out;
    }

    /**
     * Rounds half to even, then moves the values with the largest rounding loss up (or the largest
     * gain down) by one until the integers sum to the rounded total.
     */
    static int[] roundPreservingSum(double[] floats) {
        int n = floats.length;
        double[] ints = new double[n];
        for (int i = 0; i < n; i++) {
            ints[i] = Math.rint(floats[i]);
        }
        double origSum = Math.rint(NumpyOps.pairwiseSum(floats, 0, n));
        double intSum = Math.rint(NumpyOps.pairwiseSum(ints, 0, n));
        while (Math.abs(intSum - origSum) > ConfidentJoint.FLOATING_POINT_COMPARISON) {
            double diff = Math.rint(origSum - intSum);
            int increment = diff < 0 ? -1 : 1;
            int changes = (int) Math.min(Math.abs(diff), n);
            double[] loss = new double[n];
            for (int i = 0; i < n; i++) {
                loss[i] = floats[i] - ints[i];
            }
            int[] order = NumpyOps.argsort(loss);
            for (int c = 0; c < changes; c++) {
                // argsort(...)[::-increment]: largest loss first when rounding up
                int i = increment > 0 ? order[n - 1 - c] : order[c];
                ints[i] += increment;
            }
            intSum = Math.rint(NumpyOps.pairwiseSum(ints, 0, n));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) ints[i];
        }
        return out;
    }
}
