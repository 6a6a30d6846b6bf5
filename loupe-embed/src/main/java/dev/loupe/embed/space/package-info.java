/**
 * The embedding space of a project, what {@code loupe embed} computes once the vectors are stored:
 * nearest-neighbour lists, uniqueness, near-duplicate clusters, annotation quality (label agreement
 * of look-alike objects) and the 2-D maps, written as metrics by
 * {@link dev.loupe.embed.space.EmbeddingMetrics}.
 */
package dev.loupe.embed.space;
