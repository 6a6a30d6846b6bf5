package dev.loupe.embed.space;

import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.Neighbours;
import dev.loupe.knn.VectorIndex;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The k nearest neighbours of every row of an index (itself excluded), computed in parallel.
 *
 * @param lists one per row, most similar first
 */
public record NeighbourLists(Neighbours[] lists) {

    /** Decides which rows a query row must not get as neighbours (besides itself). */
    public interface Exclusion {
        boolean excluded(int query, int candidate);
    }

    public static NeighbourLists of(VectorIndex index, int k, Exclusion exclusion) {
        return of(index, k, exclusion, rows -> { });
    }

    /** As {@link #of(VectorIndex, int, Exclusion)}, telling {@code done} how many rows were finished, from the worker threads. */
    public static NeighbourLists of(VectorIndex index, int k, Exclusion exclusion, IntConsumer done) {
        if (index instanceof ExactIndex exact) {
            return new NeighbourLists(exact.searchRows(k, exclusion == null ? null : exclusion::excluded, done));
        }
        int n = index.vectors().size();
        Neighbours[] lists = new Neighbours[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            IntPredicate skip = j -> j == i || (exclusion != null && exclusion.excluded(i, j));
            lists[i] = index.search(index.vectors().row(i), k, skip);
            if (i % 256 == 255) {
                done.accept(256);
            }
        });
        done.accept(n % 256);
        return new NeighbourLists(lists);
    }
}
