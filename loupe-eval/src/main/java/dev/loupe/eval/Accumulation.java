package dev.loupe.eval;

import java.util.Arrays;

/**
 * Phase 2 output, pycocotools' {@code eval} dictionary: precision [T][R][K][A][M], recall
 * [T][K][A][M] and the detection score at each precision point, over IoU thresholds T, recall
 * thresholds R, classes K (in the evaluator's category order; K = 1 when class-agnostic), area
 * ranges A and detection limits M, all indexed as in {@link EvalParams}.
 *
 * <p>-1 marks a cell with no ground truth to recall (pycocotools' "absent category"); precision
 * past the highest recall reached is 0. Immutable.
 */
public final class Accumulation {
    private final int nT;
    private final int nR;
    private final int nK;
    private final int nA;
    private final int nM;
    private final double[] precision;
    private final double[] recall;
    private final double[] scores;

    Accumulation(int nT, int nR, int nK, int nA, int nM) {
        this.nT = nT;
        this.nR = nR;
        this.nK = nK;
        this.nA = nA;
        this.nM = nM;
        precision = new double[nT * nR * nK * nA * nM];
        recall = new double[nT * nK * nA * nM];
        scores = new double[precision.length];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
        Arrays.fill(scores, -1);
    }

    /** Precision (interpolated: the best at this recall or higher) at IoU threshold t, recall point r. */
    public double precision(int t, int r, int k, int a, int m) {
        return precision[pIndex(t, r, k, a, m)];
    }

    /** Recall reached with all counted detections at IoU threshold t. */
    public double recall(int t, int k, int a, int m) {
        return recall[rIndex(t, k, a, m)];
    }

    /** The score of the detection where recall point r is reached (0 past the highest recall, -1 absent). */
    public double score(int t, int r, int k, int a, int m) {
        return scores[pIndex(t, r, k, a, m)];
    }

    public int iouThresholdCount() {
        return nT;
    }

    public int recallThresholdCount() {
        return nR;
    }

    public int classCount() {
        return nK;
    }

    public int areaRangeCount() {
        return nA;
    }

    public int maxDetsCount() {
        return nM;
    }

    void setPrecision(int t, int r, int k, int a, int m, double v) {
        precision[pIndex(t, r, k, a, m)] = v;
    }

    void setScore(int t, int r, int k, int a, int m, double v) {
        scores[pIndex(t, r, k, a, m)] = v;
    }

    void setRecall(int t, int k, int a, int m, double v) {
        recall[rIndex(t, k, a, m)] = v;
    }

    /** Copies every cell of class k from detection limit {@code from} to {@code to}. */
    void copyLimit(int k, int from, int to) {
        for (int t = 0; t < nT; t++) {
            for (int a = 0; a < nA; a++) {
                recall[rIndex(t, k, a, to)] = recall[rIndex(t, k, a, from)];
                for (int r = 0; r < nR; r++) {
                    precision[pIndex(t, r, k, a, to)] = precision[pIndex(t, r, k, a, from)];
                    scores[pIndex(t, r, k, a, to)] = scores[pIndex(t, r, k, a, from)];
                }
            }
        }
    }

    private int pIndex(int t, int r, int k, int a, int m) {
        check(t, nT, "t");
        check(r, nR, "r");
        check(k, nK, "k");
        check(a, nA, "a");
        check(m, nM, "m");
        return (((t * nR + r) * nK + k) * nA + a) * nM + m;
    }

    private int rIndex(int t, int k, int a, int m) {
        check(t, nT, "t");
        check(k, nK, "k");
        check(a, nA, "a");
        check(m, nM, "m");
        return ((t * nK + k) * nA + a) * nM + m;
    }

    private static void check(int i, int n, String name) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException(name + " = " + i + " is outside [0, " + n + ")");
        }
    }
}
