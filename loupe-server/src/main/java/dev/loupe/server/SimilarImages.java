package dev.loupe.server;

import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.embed.knn.Neighbours;
import dev.loupe.embed.knn.VectorIndex;
import dev.loupe.embed.knn.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The images most similar to an image by the cosine similarity of their stored embeddings (the
 * same preparation and index as {@code loupe similar}: exact search up to
 * {@link VectorIndex#EXACT_LIMIT} images, HNSW beyond). The vectors of the last model asked
 * for are kept in memory, keyed by model id and image count, so that a new {@code loupe embed} run
 * is picked up.
 */
final class SimilarImages {
    static final int MAX_K = 100;
    static final String HINT = "run loupe embed PROJECT (add --model fallback for a model-free embedding)";

    private final StoreAccess store;
    private Loaded loaded;

    SimilarImages(StoreAccess store) {
        this.store = store;
    }

    /** One neighbour, most similar first. */
    record Hit(int rank, long imageId, String path, double similarity) {
    }

    /** The neighbours of an image under a model. */
    record View(long imageId, String model, List<Hit> neighbours) {
    }

    private record Loaded(int modelId, long images, long[] ids, VectorIndex index) {
    }

    View of(long imageId, int k, String modelName) {
        if (k < 1 || k > MAX_K) {
            throw ApiError.badRequest("k must be between 1 and " + MAX_K + ", got " + k);
        }
        if (store.with(s -> s.imagePath(imageId)) == null) {
            throw ApiError.notFound("no image " + imageId);
        }
        List<EmbeddingModelInfo> models = store.with(s -> s.embeddingModels()).stream().filter(m -> m.images() > 0).toList();
        if (models.isEmpty()) {
            throw ApiError.notFound("this project has no image embeddings: " + HINT);
        }
        EmbeddingModelInfo model = modelName == null || modelName.isEmpty() ? models.get(0)
                : models.stream().filter(m -> m.name().equals(modelName)).findFirst().orElseThrow(() -> ApiError.notFound(
                        "no image embeddings of model '" + modelName + "'; stored: "
                        + String.join(", ", models.stream().map(EmbeddingModelInfo::name).toList())));
        Loaded l = load(model);
        int row = Arrays.binarySearch(l.ids(), imageId);
        if (row < 0) {
            throw ApiError.notFound("image " + imageId + " has no embedding of " + model.name() + " (it could not be read; see loupe info)");
        }
        Neighbours nn = l.index().search(l.index().vectors().row(row), k, i -> i == row);
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < nn.size(); i++) {
            long id = l.ids()[nn.rows()[i]];
            hits.add(new Hit(i + 1, id, store.with(s -> s.imagePath(id)), nn.similarities()[i]));
        }
        return new View(imageId, model.name(), hits);
    }

    private synchronized Loaded load(EmbeddingModelInfo model) {
        Loaded l = loaded;
        if (l == null || l.modelId() != model.id() || l.images() != model.images()) {
            VectorSet set = store.with(s -> s.imageVectors(model.id()));
            l = new Loaded(model.id(), model.images(), set.ids(), VectorIndex.create(Vectors.forSimilarity(set.vectors()),
                    Runtime.getRuntime().availableProcessors()));
            loaded = l;
        }
        return l;
    }
}
