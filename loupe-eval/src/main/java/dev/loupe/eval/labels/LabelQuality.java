package dev.loupe.eval.labels;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Per-item label-quality scores in [0, 1], higher = the given label is more likely right
 * (cleanlab's {@code rank.get_label_quality_scores} without adjusted probabilities).
 */
public enum LabelQuality {
    /** p(given label). */
    SELF_CONFIDENCE("self_confidence"),
    /** (p(given) - max over the other classes of p + 1) / 2. */
    NORMALIZED_MARGIN("normalized_margin"),
    /** log(1 + h / s) / (h / s) with h the entropy over log K and s the self-confidence (both floored at 1e-6). */
    CONFIDENCE_WEIGHTED_ENTROPY("confidence_weighted_entropy");

    /** cleanlab's CLIPPING_LOWER_BOUND. */
    private static final double CLIP = 1e-6;

    private final String id;

    LabelQuality(String id) {
        this.id = id;
    }

    /** cleanlab's name of the score. */
    public String id() {
        return id;
    }

    /**
     * The score with the given cleanlab name.
     *
     * @throws IllegalArgumentException listing the names when none matches
     */
    public static LabelQuality of(String id) {
        for (LabelQuality q : values()) {
            if (q.id.equals(id)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown label-quality method '" + id + "'; known: "
                + Arrays.stream(values()).map(LabelQuality::id).collect(Collectors.joining(", ")));
    }

    /** The score of every item. */
    public double[] scores(ClassProbabilities in) {
        double[] s = new double[in.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = score(in.probabilities()[i], in.labels()[i]);
        }
        return s;
    }

    /** The score of one item with probabilities p and given label. */
    public double score(double[] p, int label) {
        return switch (this) {
            case SELF_CONFIDENCE -> p[label];
            case NORMALIZED_MARGIN -> normalizedMargin(p, label);
            case CONFIDENCE_WEIGHTED_ENTROPY -> confidenceWeightedEntropy(p, label);
        };
    }

    private static double normalizedMargin(double[] p, int label) {
        double maxOther = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
            if (k != label && p[k] > maxOther) {
                maxOther = p[k];
            }
        }
        return (p[label] - maxOther + 1) / 2;
    }

    private static double confidenceWeightedEntropy(double[] p, int label) {
        double selfConfidence = Math.max(p[label], CLIP);
        double ratio = normalizedEntropy(p) / selfConfidence;
        return Math.log(ratio + 1) / Math.max(ratio, CLIP);
    }

    /** -sum p log p / log K, with 0 log 0 = 0. */
    static double normalizedEntropy(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v == 0 ? 0 : v * Math.log(v);
        }
        return -sum / Math.log(p.length);
    }
}
