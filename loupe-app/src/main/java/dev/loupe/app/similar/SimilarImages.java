package dev.loupe.app.similar;

import dev.loupe.app.BadRequest;
import dev.loupe.core.LoupeException;
import dev.loupe.app.StoreLender;
import dev.loupe.api.Scope;
import dev.loupe.core.embed.VectorKeys;
import dev.loupe.knn.Neighbours;
import dev.loupe.knn.StreamingSearch;
import dev.loupe.store.browse.SearchPage;
import java.util.ArrayList;
import java.util.List;

/**
 * The images most similar to an image by the cosine similarity of their stored embeddings: the web
 * app's similar-images panel ({@link #of}) and {@code loupe similar} ({@link #neighbours}, also for
 * an image file embedded by the caller).
 */
public final class SimilarImages {
    public static final int MAX_K = 100;

    private final StoreLender store;
    private final EmbeddingIndexes indexes;

    public SimilarImages(StoreLender store, EmbeddingIndexes indexes) {
        this.store = store;
        this.indexes = indexes;
    }

    /** One neighbour, most similar first. */
    public record Hit(int rank, long imageId, String path, double similarity) {
    }

    /** The neighbours of an image under a model. */
    public record View(long imageId, String model, List<Hit> neighbours) {
    }

    public View of(long imageId, int k, String modelName) {
        checkK(k);
        if (store.with(s -> s.browse().imagePath(imageId)) == null) {
            throw LoupeException.notFound("no image " + imageId);
        }
        EmbeddingIndexes.Loaded l = indexes.images(modelName);
        int row = l.row(imageId);
        if (row < 0) {
            throw LoupeException.notFound("image " + imageId + " has no embedding of " + l.model().name() + " (it could not be read; see loupe info)");
        }
        return new View(imageId, l.model().name(), neighbours(l, l.index().vector(row), k, row));
    }

    /**
     * The k images most similar to a unit query prepared like {@code l}'s vectors, skipping row
     * {@code self} (-1 for a query from outside the project); k is not bounded here.
     */
    public List<Hit> neighbours(EmbeddingIndexes.Loaded l, float[] unitQuery, int k, int self) {
        return hits(l.keys(), l.index().search(unitQuery, k, i -> i == self));
    }

    /**
     * {@link #neighbours} without an index, for a one-off query ({@code loupe similar}) below the
     * exact-search limit: the model's stored image vectors stream past the query once, keeping the k
     * best, so memory holds k rows and the ids instead of every vector; the same hits as exact search
     * over the whole set ({@link StreamingSearch}).
     *
     * @param keys     the model's image vector ids ({@link dev.loupe.store.vectors.EmbeddingTables#imageVectorKeys})
     * @param rawQuery the query vector as the model gives it (a stored one, or an image file's)
     * @param self     the query's row in {@code keys}, or -1 for a query from outside the project
     */
    public List<Hit> scan(int modelId, VectorKeys keys, float[] rawQuery, int self, int k) {
        StreamingSearch search = new StreamingSearch(rawQuery, k, i -> i == self);
        store.with(s -> {
            s.embeddings().scanVectors(modelId, false, search);
            return null;
        });
        return hits(keys, search.result());
    }

    /**
     * {@link #scan} from the flat file {@code loupe embed} wrote ({@link EmbeddingIndexes#flatImageVectors}), memory-mapped;
     * null when it is missing or holds other vectors (then {@link #scan}).
     *
     * @param rawQuery the query as the model gives it when {@code self} is -1 (else unused)
     */
    public List<Hit> flat(java.nio.file.Path file, String key, VectorKeys keys, int self, float[] rawQuery, int k) {
        Neighbours nn = dev.loupe.knn.FlatVectors.search(file, key, self, rawQuery, k);
        return nn == null ? null : hits(keys, nn);
    }

    private List<Hit> hits(VectorKeys keys, Neighbours nn) {
        List<Long> ids = new ArrayList<>();
        List<Double> similarity = new ArrayList<>();
        for (int i = 0; i < nn.size(); i++) {
            ids.add(keys.ids()[nn.rows()[i]]);
            similarity.add((double) nn.similarities()[i]);
        }
        // One query for every neighbour's path.
        List<SearchPage.Hit> found = store.with(s -> s.browse().hits(Scope.IMAGE, ids, similarity));
        List<Hit> hits = new ArrayList<>();
        for (SearchPage.Hit h : found) {
            hits.add(new Hit(hits.size() + 1, h.imageId(), h.path(), h.sortValue()));
        }
        return hits;
    }

    public static void checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw new BadRequest("k must be between 1 and " + MAX_K + ", got " + k);
        }
    }
}
