/**
 * Similar items over a project's stored embeddings, for {@code loupe similar} and the web app's
 * similar-images and look-alike panels: {@link dev.loupe.app.similar.EmbeddingIndexes} loads a
 * model's vectors and their k-NN index (loupe-knn; no model runs here, so neither the server nor
 * this module carries ONNX Runtime), {@link dev.loupe.app.similar.SimilarImages} and
 * {@link dev.loupe.app.similar.SimilarObjects} search it and name the hits.
 */
package dev.loupe.app.similar;
