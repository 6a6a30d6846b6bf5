package dev.loupe.eval;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Rle;
import java.util.Objects;

/**
 * One detection (model prediction) as COCOeval sees it after pycocotools' {@code loadRes}.
 *
 * @param id         unique id &gt; 0 (pycocotools numbers results 1, 2, ...; 0 means "unmatched")
 * @param imageId    the Loupe image id
 * @param categoryId the Loupe category id
 * @param box        COCO box in pixels, used for {@link IouType#BBOX}
 * @param mask       RLE mask of the image's size, used for {@link IouType#SEGM}; null when only boxes
 *                   are evaluated
 * @param area       area in square pixels that decides the size bucket: loadRes sets w * h for box
 *                   results and the mask's pixel count for mask results
 * @param score      confidence; higher first, ties keep their input order. Not NaN
 */
public record Detection(long id, long imageId, int categoryId, Box box, Rle mask, double area, double score) {
    public Detection {
        Objects.requireNonNull(box, "box");
        if (id <= 0) {
            throw new IllegalArgumentException("detection id must be > 0: " + id);
        }
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("detection " + id + ": score is NaN");
        }
    }

    /** A box detection whose area is the box's w * h, as loadRes sets it. */
    public static Detection ofBox(long id, long imageId, int categoryId, Box box, double score) {
        return new Detection(id, imageId, categoryId, box, null, box.area(), score);
    }
}
