package dev.loupe.eval.labels;

/**
 * Finds and ranks label issues in a classification dataset as cleanlab 2.9.0's
 * {@code filter.find_label_issues} does with its defaults ({@code frac_noise=1},
 * {@code min_examples_per_class=1}, no {@code num_to_remove_per_class}).
 *
 * <p>Ties: where cleanlab sorts with numpy's default (unstable) argsort, this sorts stably, so
 * equal scores keep the items' order.
 */
public final class ConfidentLearning {
    private static final int MIN_EXAMPLES_PER_CLASS = 1;

    private ConfidentLearning() {
    }

    /**
     * Flags the items whose given label is likely wrong. An item whose arg max is its given label
     * is never flagged.
     *
     * @return one flag per item
     */
    public static boolean[] findLabelIssues(ClassProbabilities in, IssueFilter filter) {
        ConfidentJoint joint = ConfidentJoint.compute(in, true);
        boolean[] mask = switch (filter) {
            case PRUNE_BY_NOISE_RATE -> Pruning.byNoiseRate(in, Pruning.pruneCounts(joint.counts(), MIN_EXAMPLES_PER_CLASS),
                    MIN_EXAMPLES_PER_CLASS);
            case PRUNE_BY_CLASS -> Pruning.byClass(in, Pruning.pruneCounts(joint.counts(), MIN_EXAMPLES_PER_CLASS),
                    MIN_EXAMPLES_PER_CLASS);
            case BOTH -> {
                int[][] prune = Pruning.pruneCounts(joint.counts(), MIN_EXAMPLES_PER_CLASS);
                boolean[] byClass = Pruning.byClass(in, prune, MIN_EXAMPLES_PER_CLASS);
                boolean[] byNoise = Pruning.byNoiseRate(in, prune, MIN_EXAMPLES_PER_CLASS);
                for (int i = 0; i < byNoise.length; i++) {
                    byNoise[i] &= byClass[i];
                }
                yield byNoise;
            }
            case CONFIDENT_LEARNING -> {
                boolean[] m = new boolean[in.size()];
                for (int i : joint.offDiagonal()) {
                    m[i] = true;
                }
                yield m;
            }
            case PREDICTED_NEQ_GIVEN -> {
                boolean[] m = new boolean[in.size()];
                for (int i = 0; i < m.length; i++) {
                    m[i] = in.predicted(i) != in.labels()[i];
                }
                yield m;
            }
        };
        for (int i = 0; i < mask.length; i++) {
            if (in.predicted(i) == in.labels()[i]) {
                mask[i] = false;
            }
        }
        return mask;
    }

    /**
     * The flagged items' indices, lowest label-quality score first (cleanlab's
     * {@code order_label_issues}).
     */
    public static int[] rank(ClassProbabilities in, boolean[] mask, LabelQuality method) {
        if (mask.length != in.size()) {
            throw new IllegalArgumentException(mask.length + " flags for " + in.size() + " items");
        }
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        int[] idx = new int[count];
        double[] scores = new double[count];
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                idx[n] = i;
                scores[n++] = method.score(in.probabilities()[i], in.labels()[i]);
            }
        }
        int[] order = NumpyOps.argsort(scores);
        int[] ranked = new int[count];
        for (int r = 0; r < count; r++) {
            ranked[r] = idx[order[r]];
        }
        return ranked;
    }
}
