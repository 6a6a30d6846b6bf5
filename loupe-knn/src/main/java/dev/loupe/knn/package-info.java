/**
 * k-nearest-neighbour search over unit vectors by cosine similarity: exact
 * ({@link dev.loupe.knn.ExactIndex}) and approximate ({@link dev.loupe.knn.HnswIndex}) behind one
 * {@link dev.loupe.knn.VectorIndex}; no model and no native code, so the server can serve similar items.
 */
package dev.loupe.knn;
