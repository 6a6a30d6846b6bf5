package dev.loupe.api;

import java.util.List;

/** What an annotation metric gets: the object, the other objects of its image, and the image. */
public interface AnnotationContext {
    ObjectView object();

    /** The other objects of the same image (same kind: annotations for annotations), any class. */
    List<ObjectView> others();

    int imageWidth();

    int imageHeight();

    /** The decoded pixels; throws IllegalStateException when the run decoded none. */
    PixelImage pixels();
}
