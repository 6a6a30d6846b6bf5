package dev.loupe.store.browse;

import java.util.List;

/**
 * An annotation's geometry in the form a browser draws: pixels, top-left origin.
 *
 * @param id          annotation id
 * @param categoryId  class id, or null when unknown
 * @param kind        box, polygon, mask or label
 * @param box         x, y, w, h, or null for image-level labels
 * @param rings       polygon rings as flat x,y lists (outer rings first), or null
 * @param holes       for each ring, whether it is a hole
 * @param maskCounts  a mask as uncompressed COCO RLE runs (column-major, starting with background), or null
 * @param maskHeight  mask height
 * @param maskWidth   mask width
 */
public record Shape(long id, Integer categoryId, String kind, double[] box, List<double[]> rings, List<Boolean> holes,
                    int[] maskCounts, Integer maskHeight, Integer maskWidth) {
}
