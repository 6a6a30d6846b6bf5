package dev.loupe.eval.classification;

/**
 * Precision, recall and F1 of one class, one-vs-rest on the top-1 predictions.
 *
 * @param classIndex the class's column in the probability matrix
 * @param precision  TP / (TP + FP); 0 when the class is never predicted (scikit-learn's
 *                   {@code zero_division=0})
 * @param recall     TP / support; 0 when the support is 0
 * @param f1         2 P R / (P + R); 0 when P + R = 0
 * @param support    items whose true label is this class
 * @param predicted  items predicted as this class (TP + FP)
 */
public record ClassReport(int classIndex, double precision, double recall, double f1, long support,
                          long predicted) {
}
