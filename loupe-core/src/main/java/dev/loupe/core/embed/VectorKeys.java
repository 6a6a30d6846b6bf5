package dev.loupe.core.embed;

/**
 * What identifies stored vectors of one model and scope, without the vectors, in item id order:
 * enough to name search hits and to filter them, at 20 bytes per item.
 *
 * @param ids      image or annotation ids
 * @param imageIds the image of each item (equal to ids for images)
 * @param classIds the annotation's class id, -1 when none (always -1 for images)
 */
public record VectorKeys(long[] ids, long[] imageIds, int[] classIds) {
    public VectorKeys {
        if (ids.length != imageIds.length || ids.length != classIds.length) {
            throw new IllegalArgumentException("ids, imageIds and classIds must have the same length");
        }
    }

    public int size() {
        return ids.length;
    }

    /** The row of an item id, or a negative number when it has none. */
    public int row(long id) {
        return java.util.Arrays.binarySearch(ids, id);
    }

    /**
     * A fingerprint of the ids (64-bit FNV-1a over ids, images and classes): a run that adds,
     * drops or moves a vector changes it.
     */
    public long fingerprint() {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < ids.length; i++) {
            h = mix(mix(mix(h, ids[i]), imageIds[i]), classIds[i]);
        }
        return h;
    }

    private static long mix(long h, long v) {
        for (int b = 0; b < 8; b++) {
            h ^= (v >>> (8 * b)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
