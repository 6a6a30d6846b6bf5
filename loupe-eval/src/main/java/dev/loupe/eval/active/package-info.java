/**
 * Active learning: which unlabelled images to label next.
 *
 * <p>{@link dev.loupe.eval.active.Uncertainty} scores one item's class probabilities (entropy,
 * least confidence, margin; higher = more worth labelling). {@link dev.loupe.eval.active.Diversity}
 * picks items spread over an embedding space by k-means++ seeding (D² sampling) around the items
 * already labelled; {@link dev.loupe.eval.active.KMeans} clusters a pool so that
 * {@link dev.loupe.eval.active.Hybrid} can take the most uncertain item of each cluster. All of it is
 * seeded and deterministic.
 */
package dev.loupe.eval.active;
