package dev.loupe.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phase 3, pycocotools {@code summarize}: the 12 standard COCO statistics. AP is the mean of the
 * interpolated precision over IoU thresholds, recall points and classes; AR the mean recall over
 * IoU thresholds and classes. Each mean is taken over the entries that are not -1 (classes without
 * ground truth in the bucket); a statistic with no such entry is -1.
 *
 * @param ap       AP at IoU 0.50:0.95, area all, 100 detections
 * @param ap50     AP at IoU 0.50
 * @param ap75     AP at IoU 0.75
 * @param apSmall  AP for small objects (area &lt; 32^2 square pixels)
 * @param apMedium AP for medium objects (32^2 to 96^2)
 * @param apLarge  AP for large objects (&gt; 96^2)
 * @param ar1      AR with 1 detection per image and class
 * @param ar10     AR with 10
 * @param ar100    AR with 100
 * @param arSmall  AR for small objects, 100 detections
 * @param arMedium AR for medium objects
 * @param arLarge  AR for large objects
 */
public record Summary(double ap, double ap50, double ap75, double apSmall, double apMedium, double apLarge,
                      double ar1, double ar10, double ar100, double arSmall, double arMedium, double arLarge) {

    /** The statistics in pycocotools' {@code stats} order. */
    public double[] toArray() {
        return new double[] {ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium,
            arLarge};
    }

    /** The 12 lines pycocotools prints, e.g. {@code Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.505}. */
    public String describe(EvalParams p) {
        List<Integer> md = p.maxDets();
        double[] s = toArray();
        String[] lines = new String[12];
        lines[0] = line(true, null, "all", 100, s[0], p);
        lines[1] = line(true, .5, "all", md.get(2), s[1], p);
        lines[2] = line(true, .75, "all", md.get(2), s[2], p);
        lines[3] = line(true, null, "small", md.get(2), s[3], p);
        lines[4] = line(true, null, "medium", md.get(2), s[4], p);
        lines[5] = line(true, null, "large", md.get(2), s[5], p);
        lines[6] = line(false, null, "all", md.get(0), s[6], p);
        lines[7] = line(false, null, "all", md.get(1), s[7], p);
        lines[8] = line(false, null, "all", md.get(2), s[8], p);
        lines[9] = line(false, null, "small", md.get(2), s[9], p);
        lines[10] = line(false, null, "medium", md.get(2), s[10], p);
        lines[11] = line(false, null, "large", md.get(2), s[11], p);
        return String.join("\n", lines);
    }

    private static String line(boolean ap, Double iou, String area, int maxDets, double v, EvalParams p) {
        List<Double> t = p.iouThresholds();
        String iouStr = iou != null ? String.format(Locale.ROOT, "%.2f", iou)
                : String.format(Locale.ROOT, "%.2f:%.2f", t.get(0), t.get(t.size() - 1));
        return String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %.3f",
                ap ? "Average Precision" : "Average Recall", ap ? "(AP)" : "(AR)", iouStr, area, maxDets, v);
    }

    /**
     * The 12 statistics with pycocotools' choices: AP uses maxDets = 100 literally, the others the
     * third detection limit; AR1/AR10/AR100 the first three.
     *
     * @throws IllegalArgumentException if there are fewer than three detection limits
     */
    static Summary summarize(Accumulation acc, EvalParams p) {
        List<Integer> md = p.maxDets();
        if (md.size() < 3) {
            throw new IllegalArgumentException("the COCO summary needs three detection limits, got " + md);
        }
        int m2 = md.get(2);
        return new Summary(
                stat(acc, p, true, null, "all", 100),
                stat(acc, p, true, .5, "all", m2),
                stat(acc, p, true, .75, "all", m2),
                stat(acc, p, true, null, "small", m2),
                stat(acc, p, true, null, "medium", m2),
                stat(acc, p, true, null, "large", m2),
                stat(acc, p, false, null, "all", md.get(0)),
                stat(acc, p, false, null, "all", md.get(1)),
                stat(acc, p, false, null, "all", m2),
                stat(acc, p, false, null, "small", m2),
                stat(acc, p, false, null, "medium", m2),
                stat(acc, p, false, null, "large", m2));
    }

    /**
     * _summarize: the mean of the precision (ap) or recall entries &gt; -1 at the given IoU threshold
     * (null: all), area label and detection limit, in numpy's element order; -1 if there is none.
     */
    static double stat(Accumulation acc, EvalParams p, boolean ap, Double iouThr, String areaLabel, int maxDets) {
        int a = p.areaIndex(areaLabel);
        List<Integer> ms = new ArrayList<>();
        for (int m = 0; m < p.maxDets().size(); m++) {
            if (p.maxDets().get(m) == maxDets) {
                ms.add(m);
            }
        }
        List<Integer> ts = new ArrayList<>();
        for (int t = 0; t < p.iouThresholds().size(); t++) {
            if (iouThr == null || p.iouThresholds().get(t).doubleValue() == iouThr) {
                ts.add(t);
            }
        }
        if (a < 0 || ms.isEmpty() || ts.isEmpty()) {
            return -1;
        }
        int nR = ap ? acc.recallThresholdCount() : 1;
        int nK = acc.classCount();
        double[] values = new double[ts.size() * nR * nK * ms.size()];
        int n = 0;
        for (int t : ts) {
            for (int r = 0; r < nR; r++) {
                for (int k = 0; k < nK; k++) {
                    for (int m : ms) {
                        double v = ap ? acc.precision(t, r, k, a, m) : acc.recall(t, k, a, m);
                        if (v > -1) {
                            values[n++] = v;
                        }
                    }
                }
            }
        }
        return n == 0 ? -1 : NumpyMath.mean(values, n);
    }
}
