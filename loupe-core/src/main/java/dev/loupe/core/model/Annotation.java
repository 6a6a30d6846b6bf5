package dev.loupe.core.model;

import java.util.Objects;

/**
 * One ground-truth label: a box, polygon, mask or image-level class.
 *
 * @param id           Loupe's id, assigned by the importer (1, 2, ...)
 * @param imageId      the {@link ImageRecord#id()} it belongs to
 * @param categoryId   the {@link Category#id()}, or null when the source named an unknown class
 *                     (the annotation is kept and an issue records it)
 * @param geometry     the shape, in pixels
 * @param crowd        COCO iscrowd
 * @param area         area in pixels as the source declared it (COCO "area"), or null: metrics
 *                     compute their own; this value is kept for COCO-exact evaluation
 * @param annotator    who made it, when the source says so, else null
 * @param confidence   label confidence in [0, 1] when the source gives one, else null
 * @param sourceId     the id or location in the source ("417" for COCO, "BloodImage_00001.xml#3"), or null
 * @param difficult    PASCAL VOC's {@code <difficult>1</difficult>}: VOC AP neither counts the object
 *                     as a positive nor a detection of it as a false positive (COCO-style evaluation
 *                     ignores the flag, as pycocotools does)
 */
public record Annotation(long id, long imageId, Integer categoryId, Geometry geometry, boolean crowd,
                         Double area, String annotator, Double confidence, String sourceId, boolean difficult) {
    public Annotation {
        Objects.requireNonNull(geometry, "geometry");
        if (id <= 0) {
            throw new IllegalArgumentException("annotation id must be > 0: " + id);
        }
    }

    /** An annotation without VOC's difficult flag. */
    public Annotation(long id, long imageId, Integer categoryId, Geometry geometry, boolean crowd,
                      Double area, String annotator, Double confidence, String sourceId) {
        this(id, imageId, categoryId, geometry, crowd, area, annotator, confidence, sourceId, false);
    }

    /** A plain, non-crowd annotation with no extra attributes. */
    public static Annotation of(long id, long imageId, Integer categoryId, Geometry geometry, String sourceId) {
        return new Annotation(id, imageId, categoryId, geometry, false, null, null, null, sourceId);
    }
}
