package dev.loupe.server;

import dev.loupe.embed.knn.Neighbours;
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
            throw ApiError.notFound("no image " + imageId);
        }
        EmbeddingIndexes.Loaded l = indexes.images(modelName);
        int row = l.row(imageId);
        if (row < 0) {
            throw ApiError.notFound("image " + imageId + " has no embedding of " + l.model().name() + " (it could not be read; see loupe info)");
        }
        Neighbours nn = l.index().search(l.index().vectors().row(row), k, i -> i == row);
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < nn.size(); i++) {
            long id = l.set().ids()[nn.rows()[i]];
            hits.add(new Hit(i + 1, id, store.with(s -> s.imagePath(id)), nn.similarities()[i]));
        }
        return new View(imageId, l.model().name(), hits);
    }

    static void checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw ApiError.badRequest("k must be between 1 and " + MAX_K + ", got " + k);
        }
    }
}
