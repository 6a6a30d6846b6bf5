package dev.loupe.eval;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Rle;
import java.util.Objects;

/**
 * One ground-truth object as COCOeval sees it.
 *
 * @param id         unique id &gt; 0 (pycocotools marks "unmatched" with id 0, so 0 is not allowed)
 * @param imageId    the Loupe image id
 * @param categoryId the Loupe category id
 * @param box        COCO box in pixels, used for {@link IouType#BBOX}
 * @param mask       RLE mask of the image's size, used for {@link IouType#SEGM}; null when only boxes
 *                   are evaluated
 * @param area       area in square pixels that decides the size bucket (COCO's declared "area")
 * @param crowd      COCO iscrowd: a crowd region is ignored (never a miss) and any number of
 *                   detections may match it, with IoU = intersection / detection area
 */
public record GroundTruth(long id, long imageId, int categoryId, Box box, Rle mask, double area, boolean crowd) {
    public GroundTruth {
        Objects.requireNonNull(box, "box");
        if (id <= 0) {
            throw new IllegalArgumentException("ground truth id must be > 0: " + id);
        }
    }

    /** A plain (non-crowd) box ground truth whose area is the box's w * h. */
    public static GroundTruth ofBox(long id, long imageId, int categoryId, Box box) {
        return new GroundTruth(id, imageId, categoryId, box, null, box.area(), false);
    }
}
