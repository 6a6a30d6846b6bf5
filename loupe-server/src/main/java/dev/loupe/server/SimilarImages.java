package dev.loupe.server;

import dev.loupe.core.LoupeException;
import dev.loupe.app.BadRequest;
import dev.loupe.api.Scope;
import dev.loupe.embed.knn.Neighbours;
import dev.loupe.store.SearchPage;
import java.util.ArrayList;
import java.util.List;

/** The images most similar to an image by the cosine similarity of their stored embeddings. */
final class SimilarImages {
    static final int MAX_K = 100;

    private final StoreAccess store;
    private final EmbeddingIndexes indexes;

    SimilarImages(StoreAccess store, EmbeddingIndexes indexes) {
        this.store = store;
        this.indexes = indexes;
    }

    /** One neighbour, most similar first. */
    record Hit(int rank, long imageId, String path, double similarity) {
    }

    /** The neighbours of an image under a model. */
    record View(long imageId, String model, List<Hit> neighbours) {
    }

    View of(long imageId, int k, String modelName) {
        checkK(k);
        if (store.with(s -> s.imagePath(imageId)) == null) {
            throw LoupeException.notFound("no image " + imageId);
        }
        EmbeddingIndexes.Loaded l = indexes.images(modelName);
        int row = l.row(imageId);
        if (row < 0) {
            throw LoupeException.notFound("image " + imageId + " has no embedding of " + l.model().name() + " (it could not be read; see loupe info)");
        }
        Neighbours nn = l.index().search(l.index().vectors().row(row), k, i -> i == row);
        List<Long> ids = new ArrayList<>();
        List<Double> similarity = new ArrayList<>();
        for (int i = 0; i < nn.size(); i++) {
            ids.add(l.set().ids()[nn.rows()[i]]);
            similarity.add((double) nn.similarities()[i]);
        }
        // One query for every neighbour's path.
        List<SearchPage.Hit> found = store.with(s -> s.hits(Scope.IMAGE, ids, similarity));
        List<Hit> hits = new ArrayList<>();
        for (SearchPage.Hit h : found) {
            hits.add(new Hit(hits.size() + 1, h.imageId(), h.path(), h.sortValue()));
        }
        return new View(imageId, l.model().name(), hits);
    }

    static void checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw new BadRequest("k must be between 1 and " + MAX_K + ", got " + k);
        }
    }
}
