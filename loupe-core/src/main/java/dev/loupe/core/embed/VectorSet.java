package dev.loupe.core.embed;

/**
 * Stored vectors of one model and scope, in item id order.
 *
 * @param ids      image or annotation ids
 * @param imageIds the image of each item (equal to ids for images)
 * @param classIds the annotation's class id, -1 when none (always -1 for images)
 * @param vectors  one vector per item, as the model gave it (not normalised)
 */
public record VectorSet(long[] ids, long[] imageIds, int[] classIds, float[][] vectors) {
    public VectorSet {
        if (ids.length != imageIds.length || ids.length != classIds.length || ids.length != vectors.length) {
            throw new IllegalArgumentException("ids, imageIds, classIds and vectors must have the same length");
        }
    }

    public int size() {
        return ids.length;
    }

    /** The ids, images and classes without the vectors. */
    public VectorKeys keys() {
        return new VectorKeys(ids, imageIds, classIds);
    }
}
