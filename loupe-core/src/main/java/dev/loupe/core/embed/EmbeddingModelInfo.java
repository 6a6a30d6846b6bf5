package dev.loupe.core.embed;

/**
 * An embedding model as a project records it.
 *
 * @param id          the project's id for it
 * @param name        stable name (changes whenever the vectors would)
 * @param dimension   vector length
 * @param description provenance
 * @param images      images with a vector
 * @param objects     objects with a vector: crops of boxes, polygons and masks, and image-level labels (whose vector
 *                    is their image's)
 */
public record EmbeddingModelInfo(int id, String name, int dimension, String description, long images, long objects) {
}
