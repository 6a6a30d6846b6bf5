package dev.loupe.knn;

import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * One query against vectors that stream past once, raw as the model gave them (row 0, 1, ... in
 * their order), keeping only the k best: memory for k rows and two vectors instead of the whole set.
 * The result equals {@link ExactIndex#search} over {@link Vectors#forSimilarity} of the whole set to
 * the bit. Whether that preparation square-roots (every value of every vector non-negative) is known
 * only at the end, so both preparations are scored as the rows pass and the right one is kept.
 */
public final class StreamingSearch implements Consumer<float[]> {
    private final float[] rootQuery;
    private final float[] plainQuery;
    private final IntPredicate exclude;
    private final TopK root;
    private final TopK plain;
    private boolean nonNegative;
    private int rows;

    /**
     * @param rawQuery the query as the model gives it; its own values do not decide the preparation
     * @param exclude  rows not to return (the query's own row when it is one of the vectors)
     */
    public StreamingSearch(float[] rawQuery, int k, IntPredicate exclude) {
        this.rootQuery = Vectors.prepare(rawQuery, rawQuery.length, true);
        this.plainQuery = Vectors.prepare(rawQuery, rawQuery.length, false);
        this.exclude = exclude;
        this.root = new TopK(k);
        this.plain = new TopK(k);
        this.nonNegative = true;
    }

    /**
     * A query that is row {@code row} of the vectors, given as its raw vector: the same as
     * {@link ExactIndex#search} with that row's prepared vector, the row itself skipped.
     */
    public static StreamingSearch ofRow(float[] rawRow, int row, int k) {
        return new StreamingSearch(rawRow, k, i -> i == row);
    }

    @Override
    public void accept(float[] raw) {
        if (raw.length != plainQuery.length) {
            throw new IllegalArgumentException("vector " + rows + " has " + raw.length + " values, the query " + plainQuery.length);
        }
        int row = rows++;
        boolean positive = true;
        for (float x : raw) {
            positive &= x >= 0;
        }
        nonNegative &= positive;
        if (exclude != null && exclude.test(row)) {
            return;
        }
        int d = raw.length;
        plain.offer(row, Vectors.dot(Vectors.prepare(raw, d, false), 0, plainQuery, 0, d));
        if (nonNegative) {
            root.offer(row, Vectors.dot(Vectors.prepare(raw, d, true), 0, rootQuery, 0, d));
        }
    }

    /** Whether the vectors seen were all non-negative, so that they are compared square-rooted. */
    public boolean powerNormalised() {
        return nonNegative;
    }

    /** The k most similar rows seen, most similar first (call once, after the last row). */
    public Neighbours result() {
        return nonNegative ? root.drain() : plain.drain();
    }
}
