package dev.loupe.eval.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classification metrics from class probabilities.
 *
 * <p>Ranking and ties: classes are ranked by probability, descending; equal probabilities rank
 * the lower class index first. So the top-1 prediction is the arg max with the lowest index on
 * ties, and top-1 accuracy equals accuracy. The rank of the true class t is
 * {@code #{c : p[c] > p[t]} + #{c < t : p[c] == p[t]}}, and top-k counts a hit when that rank
 * is &lt; k. (scikit-learn's {@code top_k_accuracy_score} breaks ties the other way round.)
 * Probabilities need not sum to 1; any finite scores work.
 */
public final class ClassificationEvaluator {
    private ClassificationEvaluator() {
    }

    /**
     * Evaluates one prediction set.
     *
     * @param probabilities [item][class] finite scores, every row of the same length C &gt;= 1
     * @param trueLabels    the true class index of each item, in [0, C)
     * @param ks            the k values for top-k accuracy, each &gt;= 1 (k &gt; C counts every item
     *                      as a hit); may be empty
     * @throws IllegalArgumentException naming the item when a row has the wrong length, a score is
     *                                  not finite or a label is out of range
     */
    public static ClassificationResult evaluate(double[][] probabilities, int[] trueLabels, int... ks) {
        int n = probabilities.length;
        if (trueLabels.length != n) {
            throw new IllegalArgumentException(n + " probability rows but " + trueLabels.length + " labels");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no items to evaluate");
        }
        int c = probabilities[0].length;
        if (c == 0) {
            throw new IllegalArgumentException("item 0: no class columns");
        }
        int[] sortedK = ks.clone();
        Arrays.sort(sortedK);
        for (int k : sortedK) {
            if (k < 1) {
                throw new IllegalArgumentException("top-k needs k >= 1, got " + k);
            }
        }
        long[][] confusion = new long[c][c];
        long[] hits = new long[sortedK.length];
        for (int i = 0; i < n; i++) {
            double[] p = probabilities[i];
            validate(i, p, c, trueLabels[i]);
            int t = trueLabels[i];
            int rank = 0;
            int best = 0;
            for (int j = 0; j < c; j++) {
                if (p[j] > p[t] || (p[j] == p[t] && j < t)) {
                    rank++;
                }
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            confusion[t][best]++;
            for (int q = 0; q < sortedK.length; q++) {
                if (rank < sortedK[q]) {
                    hits[q]++;
                }
            }
        }
        List<ClassificationResult.TopKAccuracy> topK = new ArrayList<>();
        for (int q = 0; q < sortedK.length; q++) {
            topK.add(new ClassificationResult.TopKAccuracy(sortedK[q], (double) hits[q] / n));
        }
        return summarise(n, confusion, topK);
    }

    private static ClassificationResult summarise(int n, long[][] confusion,
                                                  List<ClassificationResult.TopKAccuracy> topK) {
        int c = confusion.length;
        long correct = 0;
        List<ClassReport> classes = new ArrayList<>(c);
        double[] macro = new double[3];
        double[] weighted = new double[3];
        for (int k = 0; k < c; k++) {
            long tp = confusion[k][k];
            correct += tp;
            long support = 0;
            long predicted = 0;
            for (int j = 0; j < c; j++) {
                support += confusion[k][j];
                predicted += confusion[j][k];
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.add(new ClassReport(k, precision, recall, f1, support, predicted));
            double[] s = {precision, recall, f1};
            for (int m = 0; m < 3; m++) {
                macro[m] += s[m] / c;
                weighted[m] += s[m] * support / n;
            }
        }
        return new ClassificationResult(n, (double) correct / n, topK, classes,
                new AveragedScores(macro[0], macro[1], macro[2]),
                new AveragedScores(weighted[0], weighted[1], weighted[2]), confusion);
    }

    private static void validate(int item, double[] p, int c, int label) {
        if (p == null || p.length != c) {
            throw new IllegalArgumentException("item " + item + ": expected " + c + " class scores, got "
                    + (p == null ? "none" : p.length));
        }
        for (int j = 0; j < c; j++) {
            if (!Double.isFinite(p[j])) {
                throw new IllegalArgumentException("item " + item + ": score of class " + j + " is " + p[j]);
            }
        }
        if (label < 0 || label >= c) {
            throw new IllegalArgumentException("item " + item + ": true label " + label + " is not in [0, " + c + ")");
        }
    }
}
