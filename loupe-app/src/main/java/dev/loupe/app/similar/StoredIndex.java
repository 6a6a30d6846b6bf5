package dev.loupe.app.similar;

import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorKeys;
import dev.loupe.knn.IvfIndex;
import dev.loupe.knn.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The k-NN index of one model's vectors of one kind kept on disk in {@code PROJECT/index/} ({@link
 * IvfIndex}: inverted lists of int8 codes and the raw vectors for an exact re-rank, memory-mapped:
 * the heap holds the list centres and 4 bytes per vector instead of 4 × dimension, also while
 * building, which streams the vectors from the store).
 * Built once per model and stored vectors; the commit records what it was built from (model id,
 * name, dimension, count and a fingerprint of the ids), so a newer {@code loupe embed} run that
 * added or dropped vectors makes it stale and it is rebuilt. A folder that is missing, stale or
 * cannot be read is rebuilt, with a message; a build goes to a hidden folder renamed into place, so a
 * killed build leaves the old index or none, never half of one.
 */
final class StoredIndex {
    static final String KEY = "loupe.vectors";

    private StoredIndex() {
    }

    /** The folder of a model's index of one kind ("images" or "objects"). */
    static Path folder(Path projectDir, EmbeddingModelInfo model, String kind) {
        return projectDir.resolve("index").resolve(kind + "-model-" + model.id());
    }

    /** What the index must have been built from. */
    static String key(EmbeddingModelInfo model, VectorKeys keys) {
        return model.id() + "/" + model.name() + "/" + model.dimension() + "/" + keys.size() + "/"
                + Long.toHexString(keys.fingerprint());
    }

    /**
     * The stored index when it is current, else one built now from the raw vectors that {@code scan}
     * hands over one at a time in row order (twice: whether all values are non-negative decides
     * their preparation, as in {@link Vectors#forSimilarity}; the vectors are never all in memory).
     *
     * @param notes where a rebuild is announced ("building ...", "... is stale", "... cannot be read")
     */
    static IvfIndex load(Path folder, String key, int size, Consumer<Consumer<float[]>> scan, int threads, Consumer<String> notes) {
        String why = null;
        if (Files.isDirectory(folder)) {
            try {
                IvfIndex index = IvfIndex.open(folder);
                if (key.equals(index.userData().get(KEY)) && index.size() == size) {
                    return index;
                }
                index.close();
                why = folder + " is stale (a newer loupe embed run changed the vectors): rebuilding it";
            } catch (IOException | RuntimeException e) {
                why = folder + " cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "): rebuilding it";
            }
        }
        notes.accept((why != null ? why : "building the k-NN index " + folder) + " (" + size + " vectors, once per embedding run)");
        build(folder, key, scan, threads);
        try {
            return IvfIndex.open(folder);
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, folder + ": the index just built cannot be read: " + e.getMessage());
        }
    }

    private static void build(Path folder, String key, Consumer<Consumer<float[]>> scan, int threads) {
        boolean[] nonNegative = {true};
        scan.accept(v -> {
            for (float x : v) {
                nonNegative[0] &= x >= 0;
            }
        });
        boolean root = nonNegative[0];
        try {
            IvfIndex.build(sink -> scan.accept(raw -> sink.accept(Vectors.prepare(raw, raw.length, root))), root, folder,
                    IvfIndex.Params.DEFAULT, threads, Map.of(KEY, key));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, folder + ": cannot write the k-NN index: " + e.getMessage());
        }
    }
}
