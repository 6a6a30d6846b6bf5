/**
 * Label-error finding, number for number as cleanlab 2.9.0 computes it.
 *
 * <p>Classification (confident learning): {@link dev.loupe.eval.labels.ClassProbabilities} is the
 * validated input (given labels and out-of-sample class probabilities);
 * {@link dev.loupe.eval.labels.ConfidentJoint} holds the per-class thresholds and the confident
 * joint, {@link dev.loupe.eval.labels.NoiseEstimate} the latent prior and noise matrices,
 * {@link dev.loupe.eval.labels.ConfidentLearning} flags and ranks the label issues with an
 * {@link dev.loupe.eval.labels.IssueFilter} and a {@link dev.loupe.eval.labels.LabelQuality} score.
 *
 * <p>Detection (ObjectLab): {@link dev.loupe.eval.labels.ObjectLab} scores each ground-truth box
 * (badly located, swapped class), each confident predicted box (overlooked) and each image.
 */
package dev.loupe.eval.labels;
