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

    /** Query rows per task of {@link #searchRows}: each task streams every row past them once. */
    static final int QUERY_BLOCK = 256;
    /** Candidate rows transposed at a time: one query against them is a few loops the JIT vectorises. */
    static final int CANDIDATE_BLOCK = 512;

    /** Decides whether {@code candidate} may be a neighbour of query row {@code query}. */
    public interface RowFilter {
        boolean excluded(int query, int candidate);
    }

    /**
     * The k nearest rows of every row (itself always excluded), in parallel over blocks of query rows.
     * Same result as {@link #search} per row, to the bit: see {@link Block#similarities}.
     */
    public Neighbours[] searchRows(int k, RowFilter filter) {
        return searchRows(k, filter, rows -> { });
    }

    /**
     * As {@link #searchRows(int, RowFilter)}, telling {@code done} how many rows' worth of the work is
     * finished (from the worker threads; the counts add up to the number of rows), so that a caller
     * can show progress.
     *
     * <p>Each similarity is computed once for both rows of the pair (cosine is symmetric, and the
     * products and their order are the same both ways, so the bits are too): the task of a block of
     * query rows compares them with every later row, keeps its own rows' k best as it goes, and hands
     * each later row the k best of the block, merged into that row's list under its lock.
     */
    public Neighbours[] searchRows(int k, RowFilter filter, java.util.function.IntConsumer done) {
        int n = vectors.size();
        int kept = Math.min(k, Math.max(0, n - 1));
        TopK[] lists = new TopK[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new TopK(kept);
        }
        Work work = new Work(n, done);
        java.util.stream.IntStream.range(0, (n + QUERY_BLOCK - 1) / QUERY_BLOCK).parallel().forEach(b -> {
            int from = b * QUERY_BLOCK;
            int to = Math.min(n, from + QUERY_BLOCK);
            TopK[] own = new TopK[to - from];
            for (int q = from; q < to; q++) {
                own[q - from] = new TopK(kept);
            }
            TopK[] handed = new TopK[CANDIDATE_BLOCK];
            float[] floor = new float[CANDIDATE_BLOCK];
            for (int j = 0; j < handed.length; j++) {
                handed[j] = new TopK(kept);
            }
            Block block = new Block(vectors.dimension());
            for (int c0 = from / CANDIDATE_BLOCK * CANDIDATE_BLOCK; c0 < n; c0 += CANDIDATE_BLOCK) {
                block.load(vectors, c0, Math.min(n, c0 + CANDIDATE_BLOCK));
                for (int j = 0; j < block.width; j++) {
                    TopK list = lists[c0 + j];
                    synchronized (list) {
                        floor[j] = list.threshold(); // only rises: a pair below it can never enter that list
                    }
                }
                for (int q = from; q < to; q += 2) {
                    int second = Math.min(q + 1, to - 1);
                    block.similarities(vectors, q, second);
                    offer(own[q - from], handed, floor, q, block.first, c0, block.width, filter);
                    if (second != q) {
                        offer(own[second - from], handed, floor, second, block.second, c0, block.width, filter);
                    }
                }
                for (int j = 0; j < block.width; j++) {
                    TopK list = lists[c0 + j];
                    synchronized (list) {
                        handed[j].moveTo(list);
                    }
                }
                work.tile((long) (to - from) * Math.max(0, Math.min(n, c0 + CANDIDATE_BLOCK) - Math.max(c0, from)));
            }
            for (int q = from; q < to; q++) {
                TopK list = lists[q];
                synchronized (list) {
                    own[q - from].moveTo(list);
                }
            }
        });
        work.finish();
        Neighbours[] out = new Neighbours[n];
        for (int i = 0; i < n; i++) {
            out[i] = lists[i].drain();
        }
        return out;
    }

    /** The pairs (query, row) of one query row against a block, each pair once: only rows after the query. */
    private static void offer(TopK own, TopK[] handed, float[] floor, int query, float[] sims, int c0, int width, RowFilter filter) {
        for (int j = Math.max(0, query + 1 - c0); j < width; j++) {
            float s = sims[j];
            int row = c0 + j;
            if (s >= own.threshold() && (filter == null || !filter.excluded(query, row))) {
                own.offer(row, s);
            }
            TopK other = handed[j];
            if (s >= floor[j] && s >= other.threshold() && (filter == null || !filter.excluded(row, query))) {
                other.offer(query, s);
            }
        }
    }

    /** Pairs compared so far, told to the listener as rows' worth of the n(n-1)/2 pairs. */
    private static final class Work {
        private final int n;
        private final double total;
        private final java.util.function.IntConsumer done;
        private long pairs;
        private long told;

        Work(int n, java.util.function.IntConsumer done) {
            this.n = n;
            this.total = Math.max(1, (double) n * (n + 1) / 2);
            this.done = done;
        }

        synchronized void tile(long tilePairs) {
            pairs += tilePairs;
            long rows = Math.min(n, (long) (n * (pairs / total)));
            if (rows > told) {
                done.accept((int) (rows - told));
                told = rows;
            }
        }

        synchronized void finish() {
            if (told < n) {
                done.accept((int) (n - told));
                told = n;
            }
        }
    }

    /**
     * A block of candidate rows stored dimension-major (value k of every row in one array), and the
     * similarities of two query rows to them. One worker's, reused from block to block.
     */
    static final class Block {
        private final float[][] t;
        private final float[][] acc1 = new float[4][CANDIDATE_BLOCK];
        private final float[][] acc2 = new float[4][CANDIDATE_BLOCK];
        final float[] first = new float[CANDIDATE_BLOCK];
        final float[] second = new float[CANDIDATE_BLOCK];
        int width;

        Block(int d) {
            t = new float[d][CANDIDATE_BLOCK];
        }

        /** Rows given as vectors (at most {@link #CANDIDATE_BLOCK}). */
        void load(float[][] rows) {
            width = rows.length;
            for (int j = 0; j < width; j++) {
                for (int k = 0; k < rows[j].length; k++) {
                    t[k][j] = rows[j][k];
                }
            }
        }

        void load(Vectors v, int from, int to) {
            width = to - from;
            int d = v.dimension();
            for (int j = 0; j < width; j++) {
                float[] row = v.row(from + j);
                for (int k = 0; k < d; k++) {
                    t[k][j] = row[k];
                }
            }
        }

        /**
         * Similarities of query rows {@code a} and {@code b} to the block, into {@link #first} and {@link #second}.
         * The same float operations in the same order as {@link Vectors#dot}'s four sums (value k goes to sum
         * k mod 4, values past the last multiple of 4 to the first, then (s0 + s1) + (s2 + s3)), so that every
         * similarity equals {@link ExactIndex#search}'s bit for bit; only the loops run across the block's rows,
         * which the JIT turns into vector instructions (4-8x faster than one dot product at a time).
         */
        void similarities(Vectors v, int a, int b) {
            similarities(v.row(a), v.row(b));
        }

        /** As {@link #similarities(Vectors, int, int)} for two query vectors given as such. */
        void similarities(float[] qa, float[] qb) {
            int d = qa.length;
            for (int m = 0; m < 4; m++) {
                java.util.Arrays.fill(acc1[m], 0, width, 0f);
                java.util.Arrays.fill(acc2[m], 0, width, 0f);
            }
            int k = 0;
            for (; k + 3 < d; k += 4) {
                for (int m = 0; m < 4; m++) {
                    axpy2(acc1[m], acc2[m], t[k + m], qa[k + m], qb[k + m], width);
                }
            }
            for (; k < d; k++) {
                axpy2(acc1[0], acc2[0], t[k], qa[k], qb[k], width);
            }
            sum(acc1, first, width);
            sum(acc2, second, width);
        }

        private static void axpy2(float[] x, float[] y, float[] row, float a, float b, int width) {
            for (int j = 0; j < width; j++) {
                float r = row[j];
                x[j] += r * a;
                y[j] += r * b;
            }
        }

        private static void sum(float[][] acc, float[] out, int width) {
            float[] s0 = acc[0];
            float[] s1 = acc[1];
            float[] s2 = acc[2];
            float[] s3 = acc[3];
            for (int j = 0; j < width; j++) {
                out[j] = (s0[j] + s1[j]) + (s2[j] + s3[j]);
            }
        }
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
