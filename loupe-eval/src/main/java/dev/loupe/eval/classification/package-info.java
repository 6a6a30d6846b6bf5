/**
 * Classification metrics from per-image class probabilities: accuracy, top-k accuracy, per-class
 * precision, recall, F1 and support, macro and weighted averages, and the confusion matrix.
 * Entry point: {@link dev.loupe.eval.classification.ClassificationEvaluator#evaluate}.
 */
package dev.loupe.eval.classification;
