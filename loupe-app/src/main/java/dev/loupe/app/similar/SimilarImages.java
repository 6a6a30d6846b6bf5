package dev.loupe.app.similar;

import dev.loupe.app.BadRequest;
import dev.loupe.core.LoupeException;
import dev.loupe.app.StoreLender;
import dev.loupe.api.Scope;
import dev.loupe.knn.Neighbours;
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
        Neighbours nn = l.index().search(unitQuery, k, i -> i == self);
        List<Long> ids = new ArrayList<>();
        List<Double> similarity = new ArrayList<>();
        for (int i = 0; i < nn.size(); i++) {
            ids.add(l.keys().ids()[nn.rows()[i]]);
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
