/**
 * k-nearest-neighbour search over unit vectors by cosine similarity: exact
 * ({@link dev.loupe.embed.knn.ExactIndex}) and approximate ({@link dev.loupe.embed.knn.HnswIndex}) behind one
 * {@link dev.loupe.embed.knn.VectorIndex}; no model and no native code, so the server can serve similar items.
 */
package dev.loupe.embed.knn;
