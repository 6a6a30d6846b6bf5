package dev.loupe.formats.coco;

import java.util.ArrayList;
import java.util.List;

/**
 * The small part of a COCO file read in the first pass: images and categories (their number is
 * small next to the annotations, which the second pass streams).
 */
final class CocoHeader {
    /** One entry of "images". Width/height are null when absent or invalid. */
    record ImageEntry(String sourceId, String fileName, Integer width, Integer height, String pointer) {
    }

    /** One entry of "categories". */
    record CategoryEntry(String sourceId, String name, String supercategory, String pointer) {
    }

    final List<ImageEntry> images = new ArrayList<>();
    final List<CategoryEntry> categories = new ArrayList<>();
    boolean sawImages;
    boolean sawAnnotations;
}
