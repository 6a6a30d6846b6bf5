package dev.loupe.knn;

/**
 * The nearest rows to a query, most similar first.
 *
 * @param rows         row indices into the searched {@link Vectors}
 * @param similarities cosine similarities, descending
 */
public record Neighbours(int[] rows, float[] similarities) {
    public int size() {
        return rows.length;
    }
}
