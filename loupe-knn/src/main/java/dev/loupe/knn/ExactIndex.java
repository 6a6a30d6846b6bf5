package dev.loupe.knn;

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

    /** Query rows per block in {@link #searchRows}: their vectors stay in cache while every row streams past once. */
    private static final int BLOCK = 32;

    /** Decides whether {@code candidate} may be a neighbour of query row {@code query}. */
    public interface RowFilter {
        boolean excluded(int query, int candidate);
    }

    /**
     * The k nearest rows of every row (itself always excluded), in parallel over blocks of query rows.
     * Same result as {@link #search} per row, with 1/BLOCK of the memory traffic.
     */
    public Neighbours[] searchRows(int k, RowFilter filter) {
        int n = vectors.size();
        Neighbours[] out = new Neighbours[n];
        java.util.stream.IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            TopK[] tops = new TopK[to - from];
            float[][] queries = new float[to - from][];
            for (int q = from; q < to; q++) {
                tops[q - from] = new TopK(Math.min(k, n - 1));
                queries[q - from] = vectors.row(q);
            }
            for (int j = 0; j < n; j++) {
                for (int q = from; q < to; q++) {
                    if (q == j || (filter != null && filter.excluded(q, j))) {
                        continue;
                    }
                    TopK top = tops[q - from];
                    float s = vectors.dot(j, queries[q - from]);
                    if (s >= top.threshold()) {
                        top.offer(j, s);
                    }
                }
            }
            for (int q = from; q < to; q++) {
                out[q] = tops[q - from].drain();
            }
        });
        return out;
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
