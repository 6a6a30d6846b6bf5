package dev.loupe.eval.voc;

import dev.loupe.core.geometry.Box;
import dev.loupe.eval.Detection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PASCAL VOC detection evaluation ({@code VOCevaldet.m} / {@code voc_eval.py} semantics).
 *
 * <p>Per class, detections are ranked by score, descending; equal scores keep their input order
 * (the devkit's sort is not stable, so its order for ties is arbitrary). Each detection, in rank
 * order, looks at every ground truth of its class on its image and takes the one with the
 * highest IoU (the first listed among equal IoUs), taken or not:
 * <ul>
 *   <li>IoU &gt;= threshold and the object is difficult: ignored (neither TP nor FP);</li>
 *   <li>IoU &gt;= threshold and the object is still free: true positive, the object is taken;</li>
 *   <li>IoU &gt;= threshold but the object is taken: false positive (duplicate). Unlike COCO, VOC
 *       does not fall back to the next-best free object;</li>
 *   <li>otherwise (including images without objects of the class): false positive.</li>
 * </ul>
 * Recall is TP / positives, precision TP / (TP + FP), after each non-ignored detection; AP is read
 * off that curve by {@link VocApMethod}. Mask fields of {@link Detection} are not used.
 */
public final class VocEvaluator {
    private VocEvaluator() {
    }

    /**
     * Evaluates the detections against the ground truths.
     *
     * @param groundTruths all ground truths, any order
     * @param detections   all detections, any order; their {@code box}, {@code score},
     *                     {@code imageId} and {@code categoryId} are used
     * @param params       threshold, AP method and pixel convention
     * @return per-class results by ascending category id, and the mAP
     */
    public static VocResult evaluate(List<VocGroundTruth> groundTruths, List<Detection> detections,
                                     VocParams params) {
        Map<Integer, List<VocGroundTruth>> gtByClass = new TreeMap<>();
        for (VocGroundTruth g : groundTruths) {
            gtByClass.computeIfAbsent(g.categoryId(), k -> new ArrayList<>()).add(g);
        }
        Map<Integer, List<Detection>> dtByClass = new TreeMap<>();
        for (Detection d : detections) {
            dtByClass.computeIfAbsent(d.categoryId(), k -> new ArrayList<>()).add(d);
            gtByClass.computeIfAbsent(d.categoryId(), k -> new ArrayList<>());
        }
        List<VocClassResult> classes = new ArrayList<>();
        double sum = 0;
        int defined = 0;
        for (Map.Entry<Integer, List<VocGroundTruth>> e : gtByClass.entrySet()) {
            VocClassResult r = evaluateClass(e.getKey(), e.getValue(),
                    dtByClass.getOrDefault(e.getKey(), List.of()), params);
            classes.add(r);
            if (!Double.isNaN(r.ap())) {
                sum += r.ap();
                defined++;
            }
        }
        return new VocResult(params, classes, defined == 0 ? Double.NaN : sum / defined);
    }

    private static VocClassResult evaluateClass(int categoryId, List<VocGroundTruth> gts, List<Detection> dts,
                                                VocParams params) {
        Map<Long, List<Integer>> gtIndexByImage = new HashMap<>();
        int positives = 0;
        for (int g = 0; g < gts.size(); g++) {
            gtIndexByImage.computeIfAbsent(gts.get(g).imageId(), k -> new ArrayList<>()).add(g);
            if (!gts.get(g).difficult()) {
                positives++;
            }
        }
        List<Detection> ranked = new ArrayList<>(dts);
        ranked.sort((a, b) -> Double.compare(b.score(), a.score())); // List.sort is stable
        boolean[] taken = new boolean[gts.size()];
        double pad = params.pixelInclusive() ? 1 : 0;
        int tp = 0;
        int fp = 0;
        int ignored = 0;
        List<double[]> curve = new ArrayList<>();
        for (Detection d : ranked) {
            double best = Double.NEGATIVE_INFINITY;
            int match = -1;
            for (int g : gtIndexByImage.getOrDefault(d.imageId(), List.of())) {
                double iou = iou(d.box(), gts.get(g).box(), pad);
                if (iou > best) {
                    best = iou;
                    match = g;
                }
            }
            if (match >= 0 && best >= params.iouThreshold()) {
                if (gts.get(match).difficult()) {
                    ignored++;
                    continue;
                }
                if (!taken[match]) {
                    taken[match] = true;
                    tp++;
                } else {
                    fp++;
                }
            } else {
                fp++;
            }
            curve.add(new double[] {positives == 0 ? Double.NaN : (double) tp / positives, (double) tp / (tp + fp)});
        }
        double[] recall = new double[curve.size()];
        double[] precision = new double[curve.size()];
        for (int i = 0; i < recall.length; i++) {
            recall[i] = curve.get(i)[0];
            precision[i] = curve.get(i)[1];
        }
        double ap = positives == 0 ? Double.NaN : VocAp.compute(recall, precision, params.method());
        return new VocClassResult(categoryId, positives, dts.size(), tp, fp, ignored, ap, recall, precision);
    }

    /** IoU of two COCO boxes; pad = 1 adds the devkit's inclusive pixel to every side length. */
    static double iou(Box a, Box b, double pad) {
        double iw = Math.min(a.x2(), b.x2()) - Math.max(a.x(), b.x()) + pad;
        double ih = Math.min(a.y2(), b.y2()) - Math.max(a.y(), b.y()) + pad;
        if (!(iw > 0 && ih > 0)) {
            return 0;
        }
        double inter = iw * ih;
        double union = (a.w() + pad) * (a.h() + pad) + (b.w() + pad) * (b.h() + pad) - inter;
        return inter / union;
    }
}
