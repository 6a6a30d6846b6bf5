package dev.loupe.eval.classification;

/**
 * Precision, recall and F1 averaged over classes.
 *
 * @param precision the average of the per-class precision
 * @param recall    the average of the per-class recall
 * @param f1        the average of the per-class F1 (not the F1 of the averages, as scikit-learn)
 */
public record AveragedScores(double precision, double recall, double f1) {
}
