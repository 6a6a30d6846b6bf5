package dev.loupe.eval;

import java.util.List;

/**
 * Phase 2, pycocotools {@code accumulate}: for each class k, area range a and detection limit m,
 * the first m detections of every image's match (in image order) are concatenated and ranked by
 * score (descending, stable, so ties keep image order, then rank within the image); ignored
 * detections count as neither true nor false positive (but still take a rank); running true/false
 * positive counts (integers, then doubles) give recall = tp / (non-ignored
 * ground truths) and precision = tp / (tp + fp + 2^-52); precision is made non-increasing from
 * the right; each recall threshold reads the precision at the first rank whose recall reaches it
 * (np.searchsorted, side 'left'), 0 when none does. Cells without non-ignored ground truth stay -1.
 */
final class Accumulator {
    private final EvalParams params;

    Accumulator(EvalParams params) {
        this.params = params;
    }

    /**
     * @param evals [k][a][i]: the match of class k, area range a, image i, or null where the image
     *              has neither ground truth nor detection of the class
     */
    Accumulation accumulate(ImageEval[][][] evals) {
        double[] recThrs = params.recallThresholdArray();
        List<Integer> maxDets = params.maxDets();
        int nT = params.iouThresholds().size();
        int nR = recThrs.length;
        int nK = evals.length;
        int nA = params.areaRanges().size();
        int nM = maxDets.size();
        Accumulation acc = new Accumulation(nT, nR, nK, nA, nM);
        for (int k = 0; k < nK; k++) {
            for (int a = 0; a < nA; a++) {
                for (int m = 0; m < nM; m++) {
                    cell(acc, evals[k][a], k, a, m, maxDets.get(m), recThrs);
                }
            }
        }
        return acc;
    }

    private static void cell(Accumulation acc, ImageEval[] images, int k, int a, int m, int maxDet, double[] recThrs) {
        int total = 0;
        int npig = 0;
        int present = 0;
        for (ImageEval e : images) {
            if (e != null) {
                present++;
                total += Math.min(maxDet, e.detectionCount());
                for (boolean ig : e.gtIgnore()) {
                    if (!ig) {
                        npig++;
                    }
                }
            }
        }
        if (present == 0 || npig == 0) {
            return;
        }
        int nT = acc.iouThresholdCount();
        double[] scores = new double[total];
        // Concatenation order: image by image, first maxDet detections of each.
        int[] srcImage = new int[total];
        int[] srcDet = new int[total];
        int n = 0;
        for (int i = 0; i < images.length; i++) {
            ImageEval e = images[i];
            if (e == null) {
                continue;
            }
            int d = Math.min(maxDet, e.detectionCount());
            for (int j = 0; j < d; j++) {
                scores[n] = e.dtScores()[j];
                srcImage[n] = i;
                srcDet[n] = j;
                n++;
            }
        }
        int[] order = NumpyMath.stableOrderDescending(scores, total);
        // Flags in rank order, per threshold (one gather, then sequential scans): 0 false
        // positive, 1 true positive, 2 ignored.
        byte[][] flags = new byte[nT][total];
        for (int s = 0; s < total; s++) {
            ImageEval e = images[srcImage[order[s]]];
            int j = srcDet[order[s]];
            for (int t = 0; t < nT; t++) {
                flags[t][s] = e.dtIgnore()[t][j] ? (byte) 2 : e.dtMatches()[t][j] != 0 ? (byte) 1 : (byte) 0;
            }
        }
        double[] rc = new double[total];
        double[] pr = new double[total];
        for (int t = 0; t < nT; t++) {
            // np.cumsum of booleans counts integers; the counts are then used as floats.
            long tp = 0;
            long fp = 0;
            int nd = 0;
            byte[] f = flags[t];
            for (int s = 0; s < total; s++) {
                if (f[s] == 1) {
                    tp++;
                } else if (f[s] == 0) {
                    fp++;
                }
                double tpf = tp;
                double fpf = fp;
                rc[nd] = tpf / npig;
                pr[nd] = tpf / (fpf + tpf + NumpyMath.SPACING_1);
                nd++;
            }
            acc.setRecall(t, k, a, m, nd > 0 ? rc[nd - 1] : 0);
            for (int i = nd - 1; i > 0; i--) {
                if (pr[i] > pr[i - 1]) {
                    pr[i - 1] = pr[i];
                }
            }
            for (int r = 0; r < recThrs.length; r++) {
                int pi = NumpyMath.searchSortedLeft(rc, nd, recThrs[r]);
                // pycocotools stops at the first index past the end, leaving 0 for the rest.
                boolean inRange = pi < nd;
                acc.setPrecision(t, r, k, a, m, inRange ? pr[pi] : 0);
                acc.setScore(t, r, k, a, m, inRange ? scores[order[pi]] : 0);
            }
        }
    }
}
