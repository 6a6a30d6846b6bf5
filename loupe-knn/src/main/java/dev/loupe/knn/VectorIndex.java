package dev.loupe.knn;

import java.util.function.IntPredicate;

/** k-nearest-neighbour search by cosine similarity over {@link Vectors}. Safe for concurrent queries. */
public interface VectorIndex {
    /**
     * The k rows most similar to a unit-length query, most similar first, skipping rows that
     * {@code exclude} accepts (e.g. the query itself, or objects of the same image).
     */
    Neighbours search(float[] unitQuery, int k, IntPredicate exclude);

    /** The searched vectors. */
    Vectors vectors();

    /** The prepared (unit) vector of one row, a query for its neighbours. */
    default float[] vector(int row) {
        return vectors().row(row);
    }

    /** A raw vector (as the model gave it) prepared like the searched vectors, a query. */
    default float[] query(float[] raw) {
        return vectors().query(raw);
    }

    /** Size of the index structure beyond the vectors, in bytes (0 for exact search). */
    long extraBytes();

    /** Above this many vectors {@link #create} builds an approximate (HNSW) index. */
    int EXACT_LIMIT = 100_000;

    /** Exact search up to {@link #EXACT_LIMIT} vectors, HNSW beyond (built on {@code threads} threads). */
    static VectorIndex create(Vectors vectors, int threads) {
        return vectors.size() <= EXACT_LIMIT ? new ExactIndex(vectors) : HnswIndex.build(vectors, HnswIndex.Params.DEFAULT, threads);
    }
}
