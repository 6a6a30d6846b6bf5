package dev.loupe.embed.model;

import dev.loupe.api.PixelImage;
import java.util.List;

/**
 * Turns images into fixed-length vectors; images that look alike get vectors with a small cosine
 * distance. Implementations are safe to call from several threads at once.
 */
public interface EmbeddingModel extends AutoCloseable {
    /**
     * A stable name that changes whenever the vectors would (model file digest, preprocessing), so
     * that stored vectors of different models never mix, e.g. {@code mobilenet_v2@nsfwjs-4.3.0}.
     */
    String name();

    /** Length of every vector. */
    int dimension();

    /** One vector per image, in order. */
    float[][] embed(List<PixelImage> images);

    /**
     * One vector per object crop, in order: by default the same as {@link #embed}. A model may use
     * another feature for objects (semantic neighbours) than for whole images (near duplicates).
     */
    default float[][] embedObjects(List<PixelImage> crops) {
        return embed(crops);
    }

    /** Length of every {@link #embedObjects} vector. */
    default int objectDimension() {
        return dimension();
    }

    /** Human-readable provenance: source, licence, preprocessing. */
    String description();

    @Override
    default void close() {
    }
}
