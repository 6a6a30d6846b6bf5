package dev.loupe.app.export;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import java.util.List;
import java.util.Map;

/**
 * YOLO txt lines: {@code class cx cy w h} normalised by the image size for boxes, {@code class x1 y1 x2
 * y2 ...} for a polygon of one ring without holes (YOLO segmentation), with a sixth column for a
 * prediction's confidence. Class = index in the project's class list (id order), as data.yaml names
 * them. What a line cannot hold is counted in {@link Losses}. Numbers are written in Java's shortest
 * round-trip form, so a re-import differs only by the rounding of the normalisation.
 */
final class YoloWriter {
    static final String IMAGE_LABELS = "image-level labels not written (YOLO label files hold shapes only)";
    static final String MASKS = "masks written as their bounding boxes (YOLO lines hold boxes and polygons)";
    static final String POLYGONS = "polygons with several parts or holes written as their bounding boxes (a YOLO polygon is one ring)";
    static final String NO_CLASS = "annotations without a class not written (a YOLO line starts with a class index)";
    static final String NO_SIZE = "annotations on images of unknown size not written (YOLO coordinates are normalised by the size)";
    static final String CROWD = "crowd flags dropped (YOLO has none)";
    static final String DIFFICULT = "VOC difficult flags dropped (YOLO has none)";

    private final Map<Integer, Integer> index = new java.util.HashMap<>();

    YoloWriter(List<Category> categories) {
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i).id(), i);
        }
    }

    /** The label file's text for an image's annotations. */
    String labels(ImageRecord image, List<Annotation> annotations, Losses losses) {
        StringBuilder sb = new StringBuilder();
        for (Annotation a : annotations) {
            if (a.geometry() instanceof Geometry.ImageLabel) {
                losses.add(IMAGE_LABELS);
                continue;
            }
            if (a.categoryId() == null || !index.containsKey(a.categoryId())) {
                losses.add(NO_CLASS);
                continue;
            }
            if (!image.hasSize()) {
                losses.add(NO_SIZE);
                continue;
            }
            if (a.crowd()) {
                losses.add(CROWD);
            }
            if (a.difficult()) {
                losses.add(DIFFICULT);
            }
            line(sb, index.get(a.categoryId()), a.geometry(), image, null, losses);
        }
        return sb.toString();
    }

    /** A prediction's line (its shape as a box, with the confidence), or null when it cannot be written. */
    String prediction(ImageRecord image, int categoryId, Geometry g, double score, Losses losses) {
        if (!image.hasSize() || !index.containsKey(categoryId)) {
            losses.add("predictions not written (" + (image.hasSize() ? "class unknown" : "image of unknown size") + ")");
            return null;
        }
        if (!(g instanceof Geometry.BoxShape)) {
            losses.add("predicted " + g.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + "s written as their bounding boxes (YOLO predictions are boxes with a confidence)");
        }
        StringBuilder sb = new StringBuilder();
        line(sb, index.get(categoryId), new Geometry.BoxShape(g.box()), image, score, losses);
        return sb.toString();
    }

    private static void line(StringBuilder sb, int cls, Geometry g, ImageRecord image, Double score, Losses losses) {
        double w = image.width();
        double h = image.height();
        sb.append(cls);
        if (g instanceof Geometry.PolygonShape p && p.polygon().rings().size() == 1 && p.polygon().holes().isEmpty()) {
            Ring r = p.polygon().rings().get(0);
            for (int i = 0; i < r.vertexCount(); i++) {
                sb.append(' ').append(r.x(i) / w).append(' ').append(r.y(i) / h);
            }
        } else {
            if (g instanceof Geometry.MaskShape) {
                losses.add(MASKS);
            } else if (g instanceof Geometry.PolygonShape) {
                losses.add(POLYGONS);
            }
            Box b = g.box();
            sb.append(' ').append((b.x() + b.w() / 2) / w).append(' ').append((b.y() + b.h() / 2) / h)
                    .append(' ').append(b.w() / w).append(' ').append(b.h() / h);
        }
        if (score != null) {
            sb.append(' ').append(score);
        }
        sb.append('\n');
    }

    /** data.yaml: the class names (JSON-quoted, which YAML reads), and the image folders when images are written. */
    static String dataYaml(List<Category> categories, List<String> imageFolders) {
        StringBuilder sb = new StringBuilder("# written by loupe export\npath: .\n");
        if (imageFolders.size() == 1) {
            sb.append("train: ").append(imageFolders.get(0)).append('\n').append("val: ").append(imageFolders.get(0)).append('\n');
        } else {
            for (String f : imageFolders) {
                sb.append(f.substring(f.lastIndexOf('/') + 1)).append(": ").append(f).append('\n');
            }
        }
        sb.append("nc: ").append(categories.size()).append('\n').append("names:\n");
        for (Category c : categories) {
            sb.append("  - ").append(VocWriter.jsonString(c.name())).append('\n');
        }
        return sb.toString();
    }
}
