package dev.loupe.app.similar;

import dev.loupe.app.NotFound;
import dev.loupe.app.StoreLender;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.knn.VectorIndex;
import dev.loupe.knn.Vectors;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * The k-NN indexes of a project's stored embeddings, for images and for object crops, built as
 * {@code loupe similar} builds them (exact up to {@link VectorIndex#EXACT_LIMIT} vectors, HNSW
 * beyond). The last index of each kind is kept in memory, keyed by model id and vector count, so
 * that a new {@code loupe embed} run is picked up.
 */
public final class EmbeddingIndexes {
    public static final String HINT = "run loupe embed PROJECT (add --model fallback for a model-free embedding)";

    private final StoreLender store;
    private Loaded images;
    private Loaded objects;

    public EmbeddingIndexes(StoreLender store) {
        this.store = store;
    }

    /** A model's vectors of one kind and their index; rows are in id order. */
    public record Loaded(EmbeddingModelInfo model, long count, VectorSet set, VectorIndex index) {
        /** The row of an item id, or a negative number when it has no vector. */
        public int row(long id) {
            return java.util.Arrays.binarySearch(set.ids(), id);
        }
    }

    /** The image index of a model (the first with image vectors when {@code name} is empty); 404 when none. */
    public Loaded images(String name) {
        EmbeddingModelInfo model = choose(name, EmbeddingModelInfo::images, "image");
        synchronized (this) {
            images = current(images, model, model.images(), id -> store.with(s -> s.imageVectors(id)));
            return images;
        }
    }

    /** The object-crop index of a model (the first with object vectors when {@code name} is empty); 404 when none. */
    public Loaded objects(String name) {
        EmbeddingModelInfo model = choose(name, EmbeddingModelInfo::objects, "object");
        synchronized (this) {
            objects = current(objects, model, model.objects(), id -> store.with(s -> s.objectVectors(id)));
            return objects;
        }
    }

    /** {@code cached} while it is of this model and vector count, else the model's vectors read and indexed anew. */
    private static Loaded current(Loaded cached, EmbeddingModelInfo model, long count, IntFunction<VectorSet> read) {
        if (cached != null && cached.model().id() == model.id() && cached.count() == count) {
            return cached;
        }
        VectorSet set = read.apply(model.id());
        return new Loaded(model, count, set, VectorIndex.create(Vectors.forSimilarity(set.vectors()),
                Runtime.getRuntime().availableProcessors()));
    }

    private EmbeddingModelInfo choose(String name, ToLongFunction<EmbeddingModelInfo> count, String kind) {
        List<EmbeddingModelInfo> models = store.with(s -> s.embeddingModels()).stream().filter(m -> count.applyAsLong(m) > 0).toList();
        if (models.isEmpty()) {
            throw new NotFound("this project has no " + kind + " embeddings: " + HINT);
        }
        if (name == null || name.isEmpty()) {
            return models.get(0);
        }
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new NotFound(
                "no " + kind + " embeddings of model '" + name + "'; stored: "
                + String.join(", ", models.stream().map(EmbeddingModelInfo::name).toList())));
    }
}
