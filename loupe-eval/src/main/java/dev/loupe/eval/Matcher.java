package dev.loupe.eval;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Iou;
import dev.loupe.core.geometry.Rle;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 1, per-image matching: pycocotools {@code computeIoU} + {@code evaluateImg} for one image
 * and category, at every area range.
 *
 * <p>Detections are ranked by score (descending, stable: ties keep their input order, as numpy's
 * mergesort) and only the first {@code maxDetsLimit} are kept. At each IoU threshold t every
 * detection in rank order takes the ground truth with the highest IoU &gt;= min(t, 1 - 1e-10)
 * (the last of equal IoUs) among those not yet taken (crowd regions can be taken again), scanning
 * ground truths with ignored ones last and stopping at the first ignored one once a regular
 * match is held. A detection matched to an ignored ground truth is ignored; so is an unmatched
 * detection whose area is outside the range.
 */
final class Matcher {
    private static final double MAX_IOU_START = 1 - 1e-10;

    private final EvalParams params;
    private final double[] iouThrs;
    private final int maxDet;
    /** {@link #matchFlags}' work arrays, reused from cell to cell: one Matcher per thread there. */
    private final Scratch reused = new Scratch();

    Matcher(EvalParams params) {
        this.params = params;
        this.iouThrs = params.iouThresholdArray();
        this.maxDet = params.maxDetsLimit();
    }

    /**
     * Matches one cell (its ground truths and detections in input order) at each area range of
     * the parameters, or returns null when the cell has neither (pycocotools' None).
     */
    ImageEval[] match(List<GroundTruth> gts, List<Detection> dts) {
        if (gts.isEmpty() && dts.isEmpty()) {
            return null;
        }
        Ranked r = rank(gts, dts);
        List<AreaRange> ranges = params.areaRanges();
        ImageEval[] out = new ImageEval[ranges.size()];
        for (int a = 0; a < out.length; a++) {
            out[a] = evaluate(gts, r, ranges.get(a));
        }
        return out;
    }

    /**
     * What accumulation reads of {@link #match}: the same matching, kept as flags only, in work
     * arrays reused from cell to cell (a COCO evaluation matches millions of cells). Not
     * thread-safe: a Matcher calling this belongs to one thread.
     */
    MatchFlags[] matchFlags(List<GroundTruth> gts, List<Detection> dts) {
        if (gts.isEmpty() && dts.isEmpty()) {
            return null;
        }
        Ranked r = rank(gts, dts);
        List<AreaRange> ranges = params.areaRanges();
        MatchFlags[] out = new MatchFlags[ranges.size()];
        for (int a = 0; a < out.length; a++) {
            fill(reused, gts, r, ranges.get(a));
            out[a] = MatchFlags.of(r.scores(), reused.dtm, reused.dtIg, reused.gtIg, gts.size(), iouThrs.length);
        }
        return out;
    }

    /** A cell's detections in matching order (the top maxDet by score), their ids and scores, and their IoUs. */
    private record Ranked(List<Detection> dt, long[] ids, double[] scores, double[][] ious) {
    }

    private Ranked rank(List<GroundTruth> gts, List<Detection> dts) {
        List<Detection> dt = topDetections(dts);
        long[] ids = new long[dt.size()];
        double[] scores = new double[dt.size()];
        for (int d = 0; d < ids.length; d++) {
            ids[d] = dt.get(d).id();
            scores[d] = dt.get(d).score();
        }
        return new Ranked(dt, ids, scores, computeIou(gts, dt));
    }

    /** The detections sorted by score, descending and stable, cut to maxDet. */
    private List<Detection> topDetections(List<Detection> dts) {
        double[] scores = new double[dts.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = dts.get(i).score();
        }
        int[] order = NumpyMath.stableOrderDescending(scores, scores.length);
        int n = Math.min(order.length, maxDet);
        List<Detection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(dts.get(order[i]));
        }
        return out;
    }

    /** IoU [d][g] with detections in rank order and ground truths in input order; null if either is empty. */
    private double[][] computeIou(List<GroundTruth> gts, List<Detection> dt) {
        if (gts.isEmpty() || dt.isEmpty()) {
            return null;
        }
        boolean[] crowd = new boolean[gts.size()];
        for (int g = 0; g < crowd.length; g++) {
            crowd[g] = gts.get(g).crowd();
        }
        if (params.iouType() == IouType.BBOX) {
            List<Box> d = dt.stream().map(Detection::box).toList();
            List<Box> g = gts.stream().map(GroundTruth::box).toList();
            return Iou.boxes(d, g, crowd);
        }
        List<Rle> d = new ArrayList<>(dt.size());
        for (Detection x : dt) {
            if (x.mask() == null) {
                throw new IllegalArgumentException("detection " + x.id() + " has no mask for segm evaluation");
            }
            d.add(x.mask());
        }
        List<Rle> g = new ArrayList<>(gts.size());
        for (GroundTruth x : gts) {
            if (x.mask() == null) {
                throw new IllegalArgumentException("ground truth " + x.id() + " has no mask for segm evaluation");
            }
            g.add(x.mask());
        }
        return Iou.masks(d, g, crowd);
    }

    /** evaluateImg for one area range; the detection ids and scores are shared by every range. */
    private ImageEval evaluate(List<GroundTruth> gtsIn, Ranked r, AreaRange range) {
        Scratch s = new Scratch(); // sized exactly by fill: its arrays become the result's
        fill(s, gtsIn, r, range);
        return new ImageEval(r.ids(), r.scores(), s.gtIds, s.gtIg, iouThrs.length, s.dtm, s.gtm, s.dtIg);
    }

    /**
     * evaluateImg's matching for one area range into {@code s}: ground truths reordered (regular
     * first), their ignore flags, and per threshold the matches of detections and ground truths.
     */
    private void fill(Scratch s, List<GroundTruth> gtsIn, Ranked r, AreaRange range) {
        List<Detection> dt = r.dt();
        long[] dtIds = r.ids();
        double[][] ious = r.ious();
        int nG = gtsIn.size();
        int nT = iouThrs.length;
        int nD = dt.size();
        s.reset(nG, nD, nT);
        // Ground truths with ignore = 0 first, each group in input order (stable argsort of 0/1).
        int[] gtind = s.gtind;
        int next = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int g = 0; g < nG; g++) {
                if (ignored(gtsIn.get(g), range) == (pass == 1)) {
                    gtind[next++] = g;
                }
            }
        }
        long[] gtIds = s.gtIds;
        boolean[] gtIg = s.gtIg;
        boolean[] crowd = s.crowd;
        for (int g = 0; g < nG; g++) {
            GroundTruth x = gtsIn.get(gtind[g]);
            gtIds[g] = x.id();
            gtIg[g] = ignored(x, range);
            crowd[g] = x.crowd();
        }
        long[] gtm = s.gtm;
        long[] dtm = s.dtm;
        boolean[] dtIg = s.dtIg;
        if (ious != null) {
            for (int t = 0; t < nT; t++) {
                for (int d = 0; d < nD; d++) {
                    double iou = Math.min(iouThrs[t], MAX_IOU_START);
                    int m = -1;
                    for (int g = 0; g < nG; g++) {
                        if (gtm[t * nG + g] > 0 && !crowd[g]) {
                            continue; // already taken, and not a crowd region
                        }
                        if (m > -1 && !gtIg[m] && gtIg[g]) {
                            break; // holding a regular match; the rest are ignored ones
                        }
                        double v = ious[d][gtind[g]];
                        if (v < iou) {
                            continue;
                        }
                        iou = v;
                        m = g;
                    }
                    if (m == -1) {
                        continue;
                    }
                    dtIg[t * nD + d] = gtIg[m];
                    dtm[t * nD + d] = gtIds[m];
                    gtm[t * nG + m] = dtIds[d];
                }
            }
        }
        for (int d = 0; d < nD; d++) {
            if (range.excludes(dt.get(d).area())) {
                for (int t = 0; t < nT; t++) {
                    if (dtm[t * nD + d] == 0) {
                        dtIg[t * nD + d] = true;
                    }
                }
            }
        }
    }

    private static boolean ignored(GroundTruth g, AreaRange range) {
        return g.crowd() || range.excludes(g.area());
    }

    /**
     * Work arrays of the matching. A fresh one is sized exactly by its first {@link #reset}; a
     * reused one grows and keeps its size, only its first n entries meaning anything.
     */
    private static final class Scratch {
        int[] gtind = new int[0];
        long[] gtIds = new long[0];
        boolean[] gtIg = new boolean[0];
        boolean[] crowd = new boolean[0];
        long[] gtm = new long[0];
        long[] dtm = new long[0];
        boolean[] dtIg = new boolean[0];

        /** Room for nG ground truths and nD detections at nT thresholds, the match tables cleared. */
        void reset(int nG, int nD, int nT) {
            if (gtind.length < nG) {
                gtind = new int[nG];
                gtIds = new long[nG];
                gtIg = new boolean[nG];
                crowd = new boolean[nG];
            }
            if (gtm.length < nT * nG) {
                gtm = new long[nT * nG];
            } else {
                java.util.Arrays.fill(gtm, 0, nT * nG, 0);
            }
            if (dtm.length < nT * nD) {
                dtm = new long[nT * nD];
                dtIg = new boolean[nT * nD];
            } else {
                java.util.Arrays.fill(dtm, 0, nT * nD, 0);
                java.util.Arrays.fill(dtIg, 0, nT * nD, false);
            }
        }
    }
}
