/**
 * What is computed from stored embeddings: nearest-neighbour lists, uniqueness, near-duplicate clusters,
 * annotation quality (label agreement of look-alike objects) and the 2-D map, written as metrics by
 * {@link dev.loupe.embed.analysis.EmbeddingMetrics}.
 */
package dev.loupe.embed.analysis;
