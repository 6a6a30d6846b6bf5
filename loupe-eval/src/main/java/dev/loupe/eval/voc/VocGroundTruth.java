package dev.loupe.eval.voc;

import dev.loupe.core.geometry.Box;
import java.util.Objects;

/**
 * One ground-truth object for VOC evaluation.
 *
 * @param id         unique id (used only to report matches)
 * @param imageId    the Loupe image id
 * @param categoryId the Loupe category id
 * @param box        COCO box (x, y, w, h), pixels, continuous coordinates
 * @param difficult  VOC's {@code <difficult>1</difficult>}: the object is not counted as a positive,
 *                   and a detection whose best match it is counts neither as TP nor as FP
 */
public record VocGroundTruth(long id, long imageId, int categoryId, Box box, boolean difficult) {
    public VocGroundTruth {
        Objects.requireNonNull(box, "box");
    }
}
