package dev.loupe.api;

import java.util.List;

/** What an annotation metric gets: the object, the other objects of its image, and the image. */
public interface AnnotationContext {
    ObjectView object();

    /** The other objects of the same image (same kind: annotations for annotations), any class. */
    List<ObjectView> others();

    /**
     * The others that may overlap this object: every one of {@link #others()} whose
     * {@link ObjectView#iou IoU} with it can be other than 0, possibly with some that cannot (order
     * unspecified). Of several boxes that are exact copies of each other (same x, y, w, h, class and
     * crowd flag) one may stand for all: no IoU, class or crowd test can tell them apart. Metrics
     * that only care about overlapping objects (largest IoU, duplicates) iterate this instead of
     * {@link #others()}, so that an image with many objects costs the overlapping pairs rather than
     * all pairs. The default is {@link #others()}.
     */
    default Iterable<ObjectView> overlapping() {
        return others();
    }

    int imageWidth();

    int imageHeight();

    /** The decoded pixels; throws IllegalStateException when the run decoded none. */
    PixelImage pixels();
}
