/**
 * Near-duplicate grouping shared by the pHash and the embedding rules: a distance threshold taken
 * from the dataset's own nearest-neighbour distances ({@link dev.loupe.core.similarity.DuplicateThreshold}),
 * and groups in which every pair is within it ({@link dev.loupe.core.similarity.CompleteLinkage}), so that
 * groups never chain.
 */
package dev.loupe.core.similarity;
