package dev.loupe.eval.labels;

import dev.loupe.eval.labels.ObjectLabImage.LabeledBox;
import dev.loupe.eval.labels.ObjectLabImage.PredictedBox;
import java.util.ArrayList;
import java.util.List;

/**
 * ObjectLab label-quality scores for object detection, number for number as cleanlab 2.9.0's
 * {@code object_detection.rank.get_label_quality_scores}, {@code compute_badloc_box_scores},
 * {@code compute_swap_box_scores}, {@code compute_overlooked_box_scores} and
 * {@code object_detection.filter.find_label_issues} compute them (overlapping-label check on).
 *
 * <p>Boxes are compared by similarity {@code alpha * IoU + (1 - alpha) * exp(-0.1 * centre distance)}.
 * A given box is badly located when the best overlapping confident prediction of its class is not
 * similar; swapped when a very confident prediction of another class is similar; a very confident
 * prediction that overlaps no given box is an overlooked object. Box scores are pooled per image
 * by softmin and the three pooled scores combined by geometric mean.
 */
public final class ObjectLab {
    private static final double TINY = 1e-100;
    private static final double WEIGHT = 1.0 / 3;

    private ObjectLab() {
    }

    /** Scores every image with the given parameters. */
    public static ObjectLabResult score(List<ObjectLabImage> images, ObjectLabParams params) {
        List<ImageContext> contexts = new ArrayList<>(images.size());
        double minSimilarity = 1.0;
        for (ObjectLabImage image : images) {
            ImageContext c = new ImageContext(image, params);
            contexts.add(c);
            minSimilarity = Math.min(minSimilarity, c.minNonZeroSimilarity());
        }
        double[] thresholds = ClassThresholds.fromAveragePrecision(images, params.apScaleFactor())
                .scaled(params.issueThresholdFactor());
        List<ObjectLabResult.ImageScores> out = new ArrayList<>(images.size());
        for (ImageContext c : contexts) {
            int[] locatedBy = new int[c.image.labels().size()];
            int[] swappedWith = new int[c.image.labels().size()];
            double[] badloc = c.badlyLocated(params, locatedBy);
            double[] swap = c.swapped(params, minSimilarity, swappedWith);
            double[] overlooked = c.overlooked(params, minSimilarity);
            double b = softmin(badloc, params.temperature());
            double s = softmin(swap, params.temperature());
            double o = softmin(overlooked, params.temperature());
            double score = Math.exp(WEIGHT * Math.log(TINY + o) + WEIGHT * Math.log(TINY + b) + WEIGHT * Math.log(TINY + s));
            boolean issue = anyAtMost(overlooked, c.image.predictions().stream().mapToInt(PredictedBox::label).toArray(),
                    thresholds)
                    || anyAtMost(badloc, c.labelClasses(), thresholds)
                    || anyAtMost(swap, c.labelClasses(), thresholds);
            out.add(new ObjectLabResult.ImageScores(badloc, swap, overlooked, locatedBy, swappedWith, b, s, o, score,
                    issue));
        }
        return new ObjectLabResult(out, thresholds);
    }

    /** Whether a box's score (NaN counts as 1) is at most its class's issue threshold. */
    private static boolean anyAtMost(double[] scores, int[] classes, double[] thresholds) {
        for (int i = 0; i < scores.length; i++) {
            double s = Double.isNaN(scores[i]) ? 1.0 : scores[i];
            if (classes[i] < thresholds.length && s <= thresholds[classes[i]]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Softmin pooling of the non-NaN scores: sum of s * softmax(-s / t); 1 when there are none.
     */
    static double softmin(double[] scores, double temperature) {
        int n = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            if (!Double.isNaN(s)) {
                n++;
                max = Math.max(max, -s / temperature);
            }
        }
        if (n == 0) {
            return 1.0;
        }
        double[] e = new double[n];
        double[] kept = new double[n];
        int k = 0;
        for (double s : scores) {
            if (!Double.isNaN(s)) {
                kept[k] = s;
                e[k++] = Math.exp(-s / temperature - max);
            }
        }
        double sum = NumpyOps.pairwiseSum(e, 0, n);
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += e[i] / sum * kept[i];
        }
        return dot;
    }

    /** One image's boxes with their IoU and similarity matrices ([label][prediction]). */
    static final class ImageContext {
        final ObjectLabImage image;
        final double[][] iou;
        final double[][] similarity;

        ImageContext(ObjectLabImage image, ObjectLabParams params) {
            this.image = image;
            int l = image.labels().size();
            int m = image.predictions().size();
            iou = new double[l][m];
            similarity = new double[l][m];
            for (int i = 0; i < l; i++) {
                LabeledBox lab = image.labels().get(i);
                for (int j = 0; j < m; j++) {
                    PredictedBox pred = image.predictions().get(j);
                    iou[i][j] = BoxGeometry.iou(lab.box(), pred.box());
                    similarity[i][j] = BoxGeometry.similarity(iou[i][j],
                            BoxGeometry.centreCloseness(lab.box(), pred.box(), params.euclideanFactor()), params.alpha());
                }
            }
        }

        int[] labelClasses() {
            return image.labels().stream().mapToInt(LabeledBox::label).toArray();
        }

        /** The smallest non-zero similarity, 1 if none. */
        double minNonZeroSimilarity() {
            double min = 1.0;
            for (double[] row : similarity) {
                for (double v : row) {
                    if (v != 0) {
                        min = Math.min(min, v);
                    }
                }
            }
            return min;
        }

        /** Also fills locatedBy[i] with the prediction that scored given box i, or -1. */
        double[] badlyLocated(ObjectLabParams p, int[] locatedBy) {
            List<PredictedBox> preds = image.predictions();
            double[] out = new double[image.labels().size()];
            for (int i = 0; i < out.length; i++) {
                int k = image.labels().get(i).label();
                double best = Double.NaN;
                locatedBy[i] = -1;
                for (int j = 0; j < preds.size(); j++) {
                    PredictedBox pred = preds.get(j);
                    if (pred.label() == k && pred.probability() > p.lowProbabilityThreshold() && iou[i][j] > 0
                            && (Double.isNaN(best) || similarity[i][j] > best)) {
                        best = similarity[i][j];
                        locatedBy[i] = j;
                    }
                }
                out[i] = Double.isNaN(best) ? 1.0 : best;
            }
            return out;
        }

        /** Also fills swappedWith[i] with the other-class prediction that scored given box i, or -1. */
        double[] swapped(ObjectLabParams p, double minSimilarity, int[] swappedWith) {
            List<LabeledBox> labels = image.labels();
            List<PredictedBox> preds = image.predictions();
            double[] out = new double[labels.size()];
            for (int i = 0; i < out.length; i++) {
                swappedWith[i] = -1;
                if (labelledTwice(i, p.labelOverlapThreshold())) {
                    out[i] = minSimilarity;
                    continue;
                }
                int k = labels.get(i).label();
                double best = Double.NaN;
                for (int j = 0; j < preds.size(); j++) {
                    PredictedBox pred = preds.get(j);
                    if (pred.label() != k && pred.probability() > p.highProbabilityThreshold()
                            && (Double.isNaN(best) || similarity[i][j] > best)) {
                        best = similarity[i][j];
                        swappedWith[i] = j;
                    }
                }
                out[i] = Double.isNaN(best) ? 1.0 : Math.max(minSimilarity, 1 - best);
            }
            return out;
        }

        /** Whether given box i overlaps (IoU &gt;= threshold) a given box of another class. */
        private boolean labelledTwice(int i, double threshold) {
            List<LabeledBox> labels = image.labels();
            for (int j = 0; j < labels.size(); j++) {
                if (j != i && labels.get(j).label() != labels.get(i).label()
                        && BoxGeometry.iou(labels.get(i).box(), labels.get(j).box()) >= threshold) {
                    return true;
                }
            }
            return false;
        }

        double[] overlooked(ObjectLabParams p, double minSimilarity) {
            List<LabeledBox> labels = image.labels();
            List<PredictedBox> preds = image.predictions();
            double[] out = new double[preds.size()];
            for (int j = 0; j < out.length; j++) {
                PredictedBox pred = preds.get(j);
                boolean overlapsALabel = false;
                for (int i = 0; i < labels.size() && !overlapsALabel; i++) {
                    overlapsALabel = iou[i][j] > 0;
                }
                if (pred.probability() < p.highProbabilityThreshold() || overlapsALabel) {
                    out[j] = Double.NaN;
                    continue;
                }
                double best = Double.NaN;
                for (int i = 0; i < labels.size(); i++) {
                    if (labels.get(i).label() == pred.label()) {
                        best = Double.isNaN(best) ? similarity[i][j] : Math.max(best, similarity[i][j]);
                    }
                }
                out[j] = Double.isNaN(best) ? minSimilarity * (1 - pred.probability()) : best;
            }
            return out;
        }
    }
}
