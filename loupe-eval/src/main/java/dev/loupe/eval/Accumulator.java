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

    /** An empty accumulation for {@code classes} classes (or 1, class-agnostic), every cell absent (-1). */
    Accumulation empty(int classes) {
        return new Accumulation(params.iouThresholds().size(), params.recallThresholdArray().length, classes,
                params.areaRanges().size(), params.maxDets().size());
    }

    /**
     * Accumulates class k. Each class's cells read only that class's matches, so the caller can
     * match and accumulate one class at a time and keep only one class's matches in memory.
     *
     * @param evals [a][i]: the match of class k in area range a on image i, or null where the image
     *              has neither ground truth nor detection of the class (the same images in every
     *              area range, with the same detections and scores)
     */
    void accumulateClass(Accumulation acc, int k, MatchFlags[][] evals) {
        double[] recThrs = params.recallThresholdArray();
        List<Integer> maxDets = params.maxDets();
        MatchFlags[] first = evals[0];
        int previousTotal = -1;
        for (int m = 0; m < maxDets.size(); m++) {
            int maxDet = maxDets.get(m);
            int total = 0;
            int present = 0;
            for (MatchFlags e : first) {
                if (e != null) {
                    present++;
                    total += Math.min(maxDet, e.detectionCount());
                }
            }
            if (present == 0) {
                continue;
            }
            if (m > 0 && maxDet >= maxDets.get(m - 1) && total == previousTotal) {
                // No image has more detections than the smaller limit let through, so both limits
                // concatenate the same detections: the same cells (most of COCO's 10 and 100).
                acc.copyLimit(k, m - 1, m);
                continue;
            }
            previousTotal = total;
            // Concatenation order: image by image, first maxDet detections of each; the ranking is
            // the same in every area range, so it is sorted once.
            double[] scores = new double[total];
            int n = 0;
            for (MatchFlags e : first) {
                if (e != null) {
                    int d = Math.min(maxDet, e.detectionCount());
                    System.arraycopy(e.scores(), 0, scores, n, d);
                    n += d;
                }
            }
            int[] order = NumpyMath.stableOrderDescending(scores, total);
            for (int a = 0; a < evals.length; a++) {
                cell(acc, evals[a], k, a, m, maxDet, scores, order, recThrs);
            }
        }
    }

    private static void cell(Accumulation acc, MatchFlags[] images, int k, int a, int m, int maxDet, double[] scores,
                             int[] order, double[] recThrs) {
        int npig = 0;
        for (MatchFlags e : images) {
            if (e != null) {
                npig += e.regularGroundTruths();
            }
        }
        if (npig == 0) {
            return;
        }
        int nT = acc.iouThresholdCount();
        int total = scores.length;
        // Flags in concatenation order, [position * T + t]: one copy per image, then read in rank order.
        byte[] flags = new byte[total * nT];
        int n = 0;
        for (MatchFlags e : images) {
            if (e != null) {
                int d = Math.min(maxDet, e.detectionCount());
                System.arraycopy(e.flags(), 0, flags, n * nT, d * nT);
                n += d;
            }
        }
        double[] rc = new double[total];
        double[] pr = new double[total];
        for (int t = 0; t < nT; t++) {
            // np.cumsum of booleans counts integers; the counts are then used as floats.
            long tp = 0;
            long fp = 0;
            for (int s = 0; s < total; s++) {
                byte f = flags[order[s] * nT + t];
                if (f == MatchFlags.TRUE_POSITIVE) {
                    tp++;
                } else if (f == MatchFlags.FALSE_POSITIVE) {
                    fp++;
                }
                double tpf = tp;
                double fpf = fp;
                rc[s] = tpf / npig;
                pr[s] = tpf / (fpf + tpf + NumpyMath.SPACING_1);
            }
            int nd = total;
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
