package dev.loupe.knn;

import java.util.function.Consumer;

/**
 * Many queries against rows that stream past once (prepared, unit length), keeping each query's k
 * best: the ground truth for a benchmark whose vectors are not on the heap. The queries are held
 * dimension-major in blocks of {@link ExactIndex#CANDIDATE_BLOCK} and scored two rows at a time, with
 * the same operations as {@link Vectors#dot}, so similarities equal {@link ExactIndex#search}'s to the bit.
 */
public final class BatchExactSearch implements Consumer<float[]> {
    private final ExactIndex.Block[] blocks;
    private final TopK[] tops;
    private float[] pending;
    private int rows;

    /** Unit queries, all of one length. */
    public BatchExactSearch(float[][] queries, int k) {
        int b = ExactIndex.CANDIDATE_BLOCK;
        int d = queries.length == 0 ? 0 : queries[0].length;
        blocks = new ExactIndex.Block[(queries.length + b - 1) / b];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new ExactIndex.Block(d);
            blocks[i].load(java.util.Arrays.copyOfRange(queries, i * b, Math.min(queries.length, (i + 1) * b)));
        }
        tops = new TopK[queries.length];
        for (int i = 0; i < tops.length; i++) {
            tops[i] = new TopK(k);
        }
    }

    /** The next row (0, 1, ...). */
    @Override
    public void accept(float[] row) {
        if (pending == null) {
            pending = row.clone();
            return;
        }
        score(pending, row, rows, rows + 1);
        pending = null;
        rows += 2;
    }

    private void score(float[] a, float[] b, int rowA, int rowB) {
        int w = ExactIndex.CANDIDATE_BLOCK;
        for (int i = 0; i < blocks.length; i++) {
            ExactIndex.Block block = blocks[i];
            block.similarities(a, b);
            for (int j = 0; j < block.width; j++) {
                tops[i * w + j].offer(rowA, block.first[j]);
                if (rowB != rowA) {
                    tops[i * w + j].offer(rowB, block.second[j]);
                }
            }
        }
    }

    /** Each query's k best rows, most similar first (call once, after the last row). */
    public Neighbours[] result() {
        if (pending != null) {
            score(pending, pending, rows, rows);
            pending = null;
            rows++;
        }
        Neighbours[] out = new Neighbours[tops.length];
        for (int i = 0; i < tops.length; i++) {
            out[i] = tops[i].drain();
        }
        return out;
    }
}
