package dev.loupe.eval;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Turns Loupe's model into evaluation inputs the way pycocotools prepares its own: ground truths
 * as {@code COCO.annToRLE} and {@code COCOeval._prepare} see them, detections as
 * {@code COCO.loadRes} makes them.
 */
public final class EvalInputs {
    private EvalInputs() {
    }

    /**
     * A ground truth from an imported annotation. The box is the annotation's box (COCO "bbox").
     * The area is the declared COCO "area" when present, as pycocotools uses that field;
     * otherwise the mask's pixel count for masks and polygons and w * h for boxes. For
     * {@link IouType#SEGM} the mask is the RLE as given, or the polygon rasterized at the image's
     * size ({@code annToRLE}: rleFrPoly of each part, merged); a box-only annotation is rasterized
     * as the box polygon, as loadRes does for box results (pycocotools would fail).
     *
     * @throws IllegalArgumentException if the annotation has no category, is an image-level label,
     *                                  or belongs to another image
     * @throws LoupeException           if a polygon must be rasterized but the image size is unknown
     */
    public static GroundTruth groundTruth(Annotation a, ImageRecord image, IouType type) {
        if (a.categoryId() == null) {
            throw new IllegalArgumentException("annotation " + a.id() + " has no category");
        }
        if (a.imageId() != image.id()) {
            throw new IllegalArgumentException("annotation " + a.id() + " is on image " + a.imageId() + ", not "
                    + image.id());
        }
        Geometry g = a.geometry();
        Box box = spatialBox(g, () -> "annotation " + a.id());
        Supplier<String> what = () -> "annotation " + (a.sourceId() != null ? a.sourceId() : a.id());
        Rle mask = type == IouType.SEGM ? mask(g, image, what) : null;
        double area;
        if (a.area() != null) {
            area = a.area();
        } else if (g instanceof Geometry.BoxShape) {
            area = box.area();
        } else {
            area = Masks.area(mask != null ? mask : mask(g, image, what));
        }
        return new GroundTruth(a.id(), a.imageId(), a.categoryId(), box, mask, area, a.crowd());
    }

    /**
     * A detection as pycocotools' loadRes makes it: a box result gets area w * h and, for
     * {@link IouType#SEGM}, the box rasterized as the polygon (x1,y1, x1,y2, x2,y2, x2,y1); a mask
     * result gets area = its pixel count (maskApi rleArea) and keeps the shape's box; a polygon is
     * rasterized at the image's size first. (loadRes decides "box results" from the first result of
     * a file: a file whose results carry both "bbox" and "segmentation" is a box file; a reader of
     * such files should build {@link Detection}s itself with area w * h.)
     *
     * @throws IllegalArgumentException if the shape is an image-level label
     * @throws LoupeException           if a shape must be rasterized but the image size is unknown
     */
    public static Detection detection(long id, ImageRecord image, int categoryId, Geometry shape, double score,
                                      IouType type) {
        Supplier<String> what = () -> "detection " + id;
        Box box = spatialBox(shape, what);
        if (shape instanceof Geometry.BoxShape) {
            Rle mask = type == IouType.SEGM ? mask(shape, image, what) : null;
            return new Detection(id, image.id(), categoryId, box, mask, box.area(), score);
        }
        Rle mask = mask(shape, image, what);
        return new Detection(id, image.id(), categoryId, box, type == IouType.SEGM ? mask : null, Masks.area(mask),
                score);
    }

    /**
     * The images in pycocotools' evaluation order: ascending COCO image id ({@code sourceId}) when
     * every image has a numeric one, else ascending Loupe id. The order decides how detections of
     * equal score on different images are ranked.
     */
    public static List<ImageRecord> cocoImageOrder(List<ImageRecord> images) {
        return cocoOrder(images, ImageRecord::sourceId, ImageRecord::id);
    }

    /** The categories in pycocotools' order: ascending COCO category id, as {@link #cocoImageOrder}. */
    public static List<Category> cocoCategoryOrder(List<Category> categories) {
        return cocoOrder(categories, Category::sourceId, Category::id);
    }

    private static <T> List<T> cocoOrder(List<T> items, Function<T, String> sourceId, ToLongFunction<T> id) {
        List<T> out = new ArrayList<>(items);
        boolean numeric = items.stream().allMatch(i -> isLong(sourceId.apply(i)));
        out.sort(numeric ? Comparator.comparingLong(i -> Long.parseLong(sourceId.apply(i)))
                : Comparator.comparingLong(id));
        return out;
    }

    private static boolean isLong(String s) {
        if (s == null) {
            return false;
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Box spatialBox(Geometry g, Supplier<String> what) {
        if (g.box() == null) {
            throw new IllegalArgumentException(what.get() + " is an image-level label, not a box or mask");
        }
        return g.box();
    }

    private static Rle mask(Geometry g, ImageRecord image, Supplier<String> what) {
        if (g instanceof Geometry.MaskShape m) {
            return m.rle();
        }
        if (!image.hasSize()) {
            throw LoupeException.badInput(image.path() + ": image size unknown, cannot rasterize " + what.get()
                    + " for mask evaluation");
        }
        if (g instanceof Geometry.PolygonShape p) {
            return Rasterizer.fromPolygon(p.polygon(), image.height(), image.width());
        }
        return Rasterizer.fromBox(g.box(), image.height(), image.width());
    }
}
