package dev.loupe.eval.labels;

import java.util.Arrays;

/**
 * The confident joint of confident learning (Northcutt et al., JAIR 2021), as cleanlab 2.9.0's
 * {@code count.compute_confident_joint}: {@code counts[given][true]} counts the items confidently
 * counted into each (given label, true label) pair.
 *
 * <p>An item is confidently of class j when its probability of j is at least the class threshold
 * minus 1e-6; with several such classes the arg max wins, with none the item is not counted. The
 * diagonal is raised to at least 1. Calibration rescales each row to the number of items given
 * that label and the whole to the number of items, then rounds each row to integers keeping its
 * total.
 *
 * @param thresholds  per-class thresholds: the mean probability of class k over the items given k
 *                    (2 for a class no item is given), at least 2e-6
 * @param counts      [given label][true label] counts, calibrated or not
 * @param offDiagonal the items counted off the diagonal (given label != confident class), ascending
 */
public record ConfidentJoint(double[] thresholds, int[][] counts, int[] offDiagonal) {
    /** cleanlab's FLOATING_POINT_COMPARISON: the slack of the threshold test. */
    static final double FLOATING_POINT_COMPARISON = 1e-6;
    /** cleanlab's lower bound of a threshold. */
    static final double THRESHOLD_LOWER_BOUND = 2 * FLOATING_POINT_COMPARISON;
    /** The threshold of a class no item is given: no probability reaches it. */
    private static final double ABSENT_CLASS_THRESHOLD = 2;
    /** cleanlab's TINY_VALUE, the floor of a divisor. */
    static final double TINY = 1e-100;

    /** The per-class thresholds (cleanlab's {@code get_confident_thresholds}). */
    public static double[] thresholds(ClassProbabilities in) {
        int k = in.classes();
        int[] counts = in.labelCounts();
        double[] t = new double[k];
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                t[c] = ABSENT_CLASS_THRESHOLD;
                continue;
            }
            double[] own = new double[counts[c]];
            int n = 0;
            for (int i = 0; i < in.size(); i++) {
                if (in.labels()[i] == c) {
                    own[n++] = in.probabilities()[i][c];
                }
            }
            t[c] = Math.max(NumpyOps.pairwiseSum(own, 0, n) / n, THRESHOLD_LOWER_BOUND);
        }
        return t;
    }

    /**
     * Computes the confident joint.
     *
     * @param calibrate whether to calibrate (cleanlab's default, and what {@code find_label_issues} uses)
     */
    public static ConfidentJoint compute(ClassProbabilities in, boolean calibrate) {
        int k = in.classes();
        double[] t = thresholds(in);
        int[][] cj = new int[k][k];
        int[] off = new int[in.size()];
        int offCount = 0;
        for (int i = 0; i < in.size(); i++) {
            double[] p = in.probabilities()[i];
            int confident = 0;
            int firstConfident = -1;
            for (int c = 0; c < k; c++) {
                if (p[c] >= t[c] - FLOATING_POINT_COMPARISON) {
                    confident++;
                    if (firstConfident < 0) {
                        firstConfident = c;
                    }
                }
            }
            if (confident == 0) {
                continue;
            }
            int guess = confident > 1 ? in.predicted(i) : firstConfident;
            int given = in.labels()[i];
            cj[given][guess]++;
            if (guess != given) {
                off[offCount++] = i;
            }
        }
        for (int c = 0; c < k; c++) {
            cj[c][c] = Math.max(cj[c][c], 1);
        }
        int[][] counts = calibrate ? calibrate(cj, in.labelCounts()) : cj;
        return new ConfidentJoint(t, counts, Arrays.copyOf(off, offCount));
    }

    /** cleanlab's {@code calibrate_confident_joint}. */
    static int[][] calibrate(int[][] cj, int[] labelCounts) {
        int k = cj.length;
        double[][] cal = new double[k][k];
        long total = 0;
        for (int i = 0; i < k; i++) {
            long rowSum = 0;
            for (int j = 0; j < k; j++) {
                rowSum += cj[i][j];
            }
            double divisor = Math.max(rowSum, TINY);
            for (int j = 0; j < k; j++) {
                cal[i][j] = cj[i][j] / divisor * labelCounts[i];
            }
            total += labelCounts[i];
        }
        double sum = Math.max(NumpyOps.sum(cal), TINY);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cal[i][j] = cal[i][j] / sum * total;
            }
        }
        return CountRounding.roundPreservingRowTotals(cal);
    }

    /** The sum of all counts. */
    public long total() {
        long s = 0;
        for (int[] row : counts) {
            for (int v : row) {
                s += v;
            }
        }
        return s;
    }
}
