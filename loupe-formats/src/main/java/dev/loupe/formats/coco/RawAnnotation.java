package dev.loupe.formats.coco;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rle;

/**
 * What one element of "annotations" said, before validation. Filled by the streaming reader; the
 * first problem found is kept so that the annotation's single issue says what was wrong.
 */
final class RawAnnotation {
    String pointer;
    String id;
    String imageId;
    String categoryId;
    Box bbox;
    Polygon polygon;
    Rle rle;
    int[] rleSize;
    Double area;
    boolean crowd;
    Double score;
    /** A problem that makes the whole annotation unusable (no usable geometry or image). */
    String fatal;
    String fatalPointer;
    /** A problem with a part that was dropped while the rest was kept (e.g. a bad polygon). */
    String partial;
    String partialPointer;

    void fatal(String pointer, String message) {
        if (fatal == null) {
            fatal = message;
            fatalPointer = pointer;
        }
    }

    void partial(String pointer, String message) {
        if (partial == null) {
            partial = message;
            partialPointer = pointer;
        }
    }
}
