package dev.loupe.embed.knn;

import java.util.function.IntPredicate;

/** Brute force: the query against every row (n·d multiply-adds), exact by construction. */
public final class ExactIndex implements VectorIndex {
    private final Vectors vectors;

    public ExactIndex(Vectors vectors) {
        this.vectors = vectors;
    }

    @Override
    public Neighbours search(float[] q, int k, IntPredicate exclude) {
        TopK top = new TopK(Math.min(k, vectors.size()));
        for (int i = 0; i < vectors.size(); i++) {
            if (exclude != null && exclude.test(i)) {
                continue;
            }
            top.offer(i, vectors.dot(i, q));
        }
        return top.drain();
    }

    @Override
    public Vectors vectors() {
        return vectors;
    }

    @Override
    public long extraBytes() {
        return 0;
    }
}
