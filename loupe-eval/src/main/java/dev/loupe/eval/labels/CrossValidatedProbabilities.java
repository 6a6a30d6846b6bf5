package dev.loupe.eval.labels;

import dev.loupe.core.Shuffle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Out-of-sample class probabilities by stratified K-fold cross-validation of a
 * {@link LogisticRegression}: each item's probabilities come from the model fitted on the other
 * folds. Folds are seeded: the items of each class are shuffled (Fisher-Yates with
 * {@link SplittableRandom}(seed)) and dealt to the folds in turn, so every fold has each class's share.
 */
public final class CrossValidatedProbabilities {
    private CrossValidatedProbabilities() {
    }

    /**
     * Computes the out-of-fold probabilities.
     *
     * @param x       [item][feature] features
     * @param labels  class index per item
     * @param classes K &gt;= 2
     * @param folds   K-fold count &gt;= 2 (at most the number of items)
     * @param seed    the fold assignment's seed
     * @return [item][class] probabilities, each row summing to 1
     */
    public static double[][] compute(float[][] x, int[] labels, int classes, int folds, long seed,
                                     LogisticRegression.Params params) {
        int n = x.length;
        if (folds < 2 || folds > n) {
            throw new IllegalArgumentException("folds must be in [2, " + n + "]: " + folds);
        }
        int[] fold = assignFolds(labels, classes, folds, seed);
        double[][] out = new double[n][];
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    train.add(i);
                }
            }
            float[][] tx = new float[train.size()][];
            int[] ty = new int[train.size()];
            for (int t = 0; t < ty.length; t++) {
                tx[t] = x[train.get(t)];
                ty[t] = labels[train.get(t)];
            }
            LogisticRegression model = LogisticRegression.fit(tx, ty, classes, params);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    out[i] = model.probabilities(x[i]);
                }
            }
        }
        return out;
    }

    /** The fold of each item: per class, a seeded shuffle dealt round-robin (continuing across classes). */
    static int[] assignFolds(int[] labels, int classes, int folds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (int k = 0; k < classes; k++) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == k) {
                    items.add(i);
                }
            }
            Shuffle.inPlace(items, random);
            for (int item : items) {
                fold[item] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }
}
