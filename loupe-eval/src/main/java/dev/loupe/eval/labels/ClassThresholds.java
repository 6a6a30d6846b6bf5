package dev.loupe.eval.labels;

import dev.loupe.core.geometry.Box;
import dev.loupe.eval.labels.ObjectLabImage.LabeledBox;
import dev.loupe.eval.labels.ObjectLabImage.PredictedBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-class issue thresholds of ObjectLab's {@code find_label_issues}: a scale factor times
 * the class's average precision averaged over IoU thresholds 0.50, 0.55, ..., 0.95 (mmdetection's
 * area-under-the-envelope AP, greedy matching by descending score). cleanlab keeps these in
 * float32, and so does this class, so that a box score at a threshold compares as it does there.
 */
final class ClassThresholds {
    private static final int IOU_STEPS = 10;
    private static final double IOU_FROM = 0.5;
    private static final double IOU_TO = 0.95;
    private static final float FLOAT32_EPS = Math.ulp(1.0f);

    private final float[] thresholds;

    private ClassThresholds(float[] thresholds) {
        this.thresholds = thresholds;
    }

    /** Thresholds for every class that appears in a label or a prediction. */
    static ClassThresholds fromAveragePrecision(List<ObjectLabImage> images, double scale) {
        int classes = 0;
        for (ObjectLabImage image : images) {
            for (LabeledBox l : image.labels()) {
                classes = Math.max(classes, l.label() + 1);
            }
            for (PredictedBox p : image.predictions()) {
                classes = Math.max(classes, p.label() + 1);
            }
        }
        float[] t = new float[classes];
        double step = (IOU_TO - IOU_FROM) / (IOU_STEPS - 1);
        for (int c = 0; c < classes; c++) {
            float[] aps = new float[IOU_STEPS];
            for (int s = 0; s < IOU_STEPS; s++) {
                double iouThreshold = s == IOU_STEPS - 1 ? IOU_TO : s * step + IOU_FROM;
                aps[s] = averagePrecision(images, c, iouThreshold);
            }
            t[c] = (float) (meanFloat32(aps) * (float) scale);
        }
        return new ClassThresholds(t);
    }

    /** Every class's threshold times factor, multiplied in float32 as numpy 2 does. */
    double[] scaled(double factor) {
        double[] out = new double[thresholds.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = thresholds[c] * (float) factor;
        }
        return out;
    }

    /** np.mean of a float32 array: numpy's pairwise float32 sum divided in float32. */
    private static float meanFloat32(float[] a) {
        int n = a.length;
        float res;
        if (n < 8) {
            res = 0f;
            for (float v : a) {
                res += v;
            }
        } else {
            float[] r = Arrays.copyOf(a, 8);
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[i + j];
                }
            }
            res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[i];
            }
        }
        return res / n;
    }

    /** One class's AP at one IoU threshold, rounded to float32. */
    private static float averagePrecision(List<ObjectLabImage> images, int c, double iouThreshold) {
        List<double[]> scored = new ArrayList<>(); // {probability, true positive 1/0}
        int groundTruths = 0;
        for (ObjectLabImage image : images) {
            List<Box> gts = image.labels().stream().filter(l -> l.label() == c).map(LabeledBox::box).toList();
            List<PredictedBox> preds = image.predictions().stream().filter(p -> p.label() == c).toList();
            groundTruths += gts.size();
            boolean[] tp = matchGreedy(preds, gts, iouThreshold);
            for (int j = 0; j < preds.size(); j++) {
                scored.add(new double[] {preds.get(j).probability(), tp[j] ? 1 : 0});
            }
        }
        double[] negative = new double[scored.size()];
        for (int i = 0; i < negative.length; i++) {
            negative[i] = -scored.get(i)[0];
        }
        int[] order = NumpyOps.argsort(negative);
        int n = order.length;
        double[] recall = new double[n + 2];
        double[] precision = new double[n + 2];
        float tpSum = 0f;
        float fpSum = 0f;
        double recallDivisor = Math.max(groundTruths, (double) FLOAT32_EPS);
        for (int r = 0; r < n; r++) {
            boolean tp = scored.get(order[r])[1] == 1;
            tpSum += tp ? 1f : 0f;
            fpSum += tp ? 0f : 1f;
            recall[r + 1] = tpSum / recallDivisor;
            precision[r + 1] = tpSum / Math.max(tpSum + fpSum, FLOAT32_EPS);
        }
        recall[n + 1] = 1;
        for (int i = n + 1; i > 0; i--) {
            precision[i - 1] = Math.max(precision[i - 1], precision[i]);
        }
        double[] terms = new double[n + 1];
        int count = 0;
        for (int i = 0; i <= n; i++) {
            if (recall[i + 1] != recall[i]) {
                terms[count++] = (recall[i + 1] - recall[i]) * precision[i + 1];
            }
        }
        return (float) NumpyOps.pairwiseSum(terms, 0, count);
    }

    /** mmdetection's tpfp: by descending probability, a prediction takes its best-IoU box if free and IoU &gt;= threshold. */
    private static boolean[] matchGreedy(List<PredictedBox> preds, List<Box> gts, double iouThreshold) {
        boolean[] tp = new boolean[preds.size()];
        if (gts.isEmpty()) {
            return tp;
        }
        double[] negative = new double[preds.size()];
        for (int j = 0; j < negative.length; j++) {
            negative[j] = -preds.get(j).probability();
        }
        boolean[] covered = new boolean[gts.size()];
        for (int j : NumpyOps.argsort(negative)) {
            int best = 0;
            double bestIou = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < gts.size(); g++) {
                double iou = BoxGeometry.iou(preds.get(j).box(), gts.get(g));
                if (iou > bestIou) {
                    bestIou = iou;
                    best = g;
                }
            }
            if (bestIou >= iouThreshold && !covered[best]) {
                covered[best] = true;
                tp[j] = true;
            }
        }
        return tp;
    }
}
