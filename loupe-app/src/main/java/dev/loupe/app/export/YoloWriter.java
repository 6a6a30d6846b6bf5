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
    static final String AREA = "declared COCO areas other than the shape's own dropped (YOLO has none; evaluation by object size then uses the shape's area)";

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
            if (a.area() != null && a.area() != ownArea(a.geometry())) {
                losses.add(AREA);
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
                double x = r.x(i);
                double y = r.y(i);
                sb.append(' ').append(near(x / w, v -> v * w, x)).append(' ').append(near(y / h, v -> v * h, y));
            }
        } else {
            if (g instanceof Geometry.MaskShape) {
                losses.add(MASKS);
            } else if (g instanceof Geometry.PolygonShape) {
                losses.add(POLYGONS);
            }
            Box b = g.box();
            double[] xs = centreAndSize(b.x(), b.w(), w);
            double[] ys = centreAndSize(b.y(), b.h(), h);
            sb.append(' ').append(xs[0]).append(' ').append(ys[0]).append(' ').append(xs[1]).append(' ').append(ys[1]);
        }
        if (score != null) {
            sb.append(' ').append(score);
        }
        sb.append('\n');
    }

    /**
     * The normalised value nearest {@code guess} (within 8 ulps) that the importers turn back into exactly
     * {@code want} (YOLO readers compute x = (cx - w/2)·W, w = nw·W); {@code guess} when none does. So a
     * re-import gives the very pixel coordinates where it can, not ones off by 1e-13 (which can move an IoU of exactly
     * 0.75 just under the threshold).
     */
    static double near(double guess, java.util.function.DoubleUnaryOperator back, double want) {
        if (back.applyAsDouble(guess) == want) {
            return guess;
        }
        double up = guess;
        double down = guess;
        for (int i = 0; i < 8; i++) {
            up = Math.nextUp(up);
            if (back.applyAsDouble(up) == want) {
                return up;
            }
            down = Math.nextDown(down);
            if (back.applyAsDouble(down) == want) {
                return down;
            }
        }
        return guess;
    }

    /**
     * Normalised centre and size of the interval [start, start + size) on a side of {@code side} pixels, chosen
     * among the doubles within 8 ulps of the plain quotients so that the readers' (c - n/2)·side and n·side give
     * back exactly start and size where such a pair is found (about two thirds of random integer boxes; the rest come
     * back within an ulp or two, about 1e-13 px).
     */
    static double[] centreAndSize(double start, double size, double side) {
        double n0 = size / side;
        double c0 = (start + size / 2) / side;
        double n = n0;
        for (int i = 0; i <= 16; i++) {
            n = i == 0 ? n0 : i % 2 == 1 ? step(n0, (i + 1) / 2) : step(n0, -(i / 2));
            if (n * side != size) {
                continue;
            }
            double nn = n;
            double c = near(c0, v -> (v - nn / 2) * side, start);
            if ((c - n / 2) * side == start) {
                return new double[] {c, n};
            }
        }
        return new double[] {c0, near(n0, v -> v * side, size)};
    }

    private static double step(double v, int ulps) {
        for (int i = 0; i < Math.abs(ulps); i++) {
            v = ulps > 0 ? Math.nextUp(v) : Math.nextDown(v);
        }
        return v;
    }

    /** The area a re-import computes: w·h of the box, the polygon's, the mask's pixel count. */
    static double ownArea(Geometry g) {
        if (g instanceof Geometry.PolygonShape p && p.polygon().rings().size() == 1 && p.polygon().holes().isEmpty()) {
            return p.polygon().area();
        }
        return g.box().area();
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
