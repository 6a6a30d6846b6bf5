package dev.loupe.app.similar;

import dev.loupe.core.LoupeException;
import dev.loupe.app.StoreLender;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorKeys;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.IvfIndex;
import dev.loupe.knn.VectorIndex;
import dev.loupe.knn.Vectors;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The k-NN indexes of a project's stored embeddings, for images and for object crops: exact search
 * over the vectors read into memory up to {@code exactLimit} vectors ({@link VectorIndex#EXACT_LIMIT}
 * by default), beyond that the model's {@link StoredIndex} in {@code PROJECT/index/}, built once per
 * embedding run (streaming the vectors from the store) and memory-mapped, so the heap holds the ids
 * and not the vectors. The last index of
 * each kind is kept, keyed by model id and vector count, so that a new {@code loupe embed} run is
 * picked up.
 */
public final class EmbeddingIndexes implements AutoCloseable {
    public static final String HINT = "run loupe embed PROJECT (add --model fallback for a model-free embedding)";

    private final StoreLender store;
    private final int exactLimit;
    private final Consumer<String> notes;
    private Loaded images;
    private Loaded objects;
    private final List<Loaded> replaced = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /**
     * One lock per kind: an image query must not wait while the object index (ten times the
     * vectors, an HNSW build when it is not stored yet) is being loaded. It waited 56 s on 10^4
     * images with 10^5 crops (bench scale).
     */
    private final Object imagesLock = new Object();
    private final Object objectsLock = new Object();

    /**
     * Above how many vectors a stored index replaces exact search: {@link VectorIndex#EXACT_LIMIT},
     * or the system property {@code loupe.knn.exact-limit} (tests, and users who want the index on
     * smaller sets).
     */
    public static int defaultExactLimit() {
        return Integer.getInteger("loupe.knn.exact-limit", VectorIndex.EXACT_LIMIT);
    }

    /** Exact search up to {@link #defaultExactLimit()} vectors; rebuilds of a stored index are announced on {@code notes}. */
    public EmbeddingIndexes(StoreLender store, Consumer<String> notes) {
        this(store, defaultExactLimit(), notes);
    }

    /**
     * Builds (or finds current) the stored indexes of a model for the kinds whose vectors exceed
     * the exact-search limit, so that the first similar query after {@code loupe embed} does not
     * build them; returns the kinds that have one ("images", "objects").
     */
    public List<String> prepareStored(EmbeddingModelInfo model) {
        List<String> kinds = new java.util.ArrayList<>();
        if (model.images() > exactLimit) {
            images(model.name());
            kinds.add("images");
        }
        if (model.objects() > exactLimit) {
            objects(model.name());
            kinds.add("objects");
        }
        return kinds;
    }

    /**
     * The flat file of a model's prepared image vectors ({@link dev.loupe.knn.FlatVectors}) that {@code loupe embed}
     * writes below the exact-search limit and {@code loupe similar} memory-maps for one query.
     */
    public static Path flatImageVectors(Path projectDir, EmbeddingModelInfo model) {
        Path folder = StoredIndex.folder(projectDir, model, "images");
        return folder.resolveSibling(folder.getFileName() + ".vectors");
    }

    /** What a flat file or stored index of these vectors must have been written from. */
    public static String key(EmbeddingModelInfo model, VectorKeys keys) {
        return StoredIndex.key(model, keys);
    }

    public EmbeddingIndexes(StoreLender store, int exactLimit, Consumer<String> notes) {
        this.store = store;
        this.exactLimit = exactLimit;
        this.notes = notes;
    }

    /** A model's vectors of one kind and their index; rows are in id order. */
    public record Loaded(EmbeddingModelInfo model, long count, VectorKeys keys, VectorIndex index) {
        /** The row of an item id, or a negative number when it has no vector. */
        public int row(long id) {
            return keys.row(id);
        }
    }

    /** The image index of a model (the first with image vectors when {@code name} is empty); 404 when none. */
    public Loaded images(String name) {
        EmbeddingModelInfo model = choose(name, EmbeddingModelInfo::images, "image");
        synchronized (imagesLock) {
            images = current(images, model, model.images(), false);
            return images;
        }
    }

    /** The object-crop index of a model (the first with object vectors when {@code name} is empty); 404 when none. */
    public Loaded objects(String name) {
        EmbeddingModelInfo model = choose(name, EmbeddingModelInfo::objects, "object");
        synchronized (objectsLock) {
            objects = current(objects, model, model.objects(), true);
            return objects;
        }
    }

    /**
     * {@code cached} while it is of this model and vector count; else exact search over the vectors
     * read now (small sets), or the stored index (loaded, or built when missing, stale or unreadable).
     */
    private Loaded current(Loaded cached, EmbeddingModelInfo model, long count, boolean objectScope) {
        if (cached != null && cached.model().id() == model.id() && cached.count() == count) {
            return cached;
        }
        if (cached != null && cached.index() instanceof AutoCloseable) {
            // a request may still be searching it, so it is closed with the rest
            replaced.add(cached);
        }
        int id = model.id();
        if (count <= exactLimit) {
            VectorSet set = store.with(s -> objectScope ? s.embeddings().objectVectors(id) : s.embeddings().imageVectors(id));
            return new Loaded(model, count, set.keys(), new ExactIndex(Vectors.forSimilarity(set.vectors())));
        }
        VectorKeys k = store.with(s -> objectScope ? s.embeddings().objectVectorKeys(id) : s.embeddings().imageVectorKeys(id));
        Path folder = StoredIndex.folder(store.with(s -> s.dir()), model, objectScope ? "objects" : "images");
        IvfIndex index = StoredIndex.load(folder, StoredIndex.key(model, k), k.size(),
                rows -> store.with(s -> {
                    s.embeddings().scanVectors(id, objectScope, rows);
                    return null;
                }), Runtime.getRuntime().availableProcessors(), notes);
        return new Loaded(model, count, k, index);
    }

    private static void closeIndex(Loaded loaded) {
        if (loaded != null && loaded.index() instanceof IvfIndex l) {
            l.close();
        }
    }

    @Override
    public void close() {
        synchronized (imagesLock) {
            closeIndex(images);
            images = null;
        }
        synchronized (objectsLock) {
            closeIndex(objects);
            objects = null;
        }
        synchronized (replaced) {
            replaced.forEach(EmbeddingIndexes::closeIndex);
            replaced.clear();
        }
    }

    private EmbeddingModelInfo choose(String name, ToLongFunction<EmbeddingModelInfo> count, String kind) {
        List<EmbeddingModelInfo> models = store.with(s -> s.embeddings().models()).stream().filter(m -> count.applyAsLong(m) > 0).toList();
        if (models.isEmpty()) {
            throw LoupeException.notFound("this project has no " + kind + " embeddings: " + HINT);
        }
        if (name == null || name.isEmpty()) {
            return models.get(0);
        }
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> LoupeException.notFound(
                "no " + kind + " embeddings of model '" + name + "'; stored: "
                + String.join(", ", models.stream().map(EmbeddingModelInfo::name).toList())));
    }
}
