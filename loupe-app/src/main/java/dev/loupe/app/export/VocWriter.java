package dev.loupe.app.export;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import java.util.List;
import java.util.Map;

/**
 * Pascal VOC XML, one file per image: {@code <filename>} the image's path relative to the images
 * folder, {@code <size>}, and an {@code <object>} per box ({@code <name>}, {@code <difficult>},
 * {@code <bndbox>} with xmin = x, xmax = x + w, as the VOC importer reads them back: continuous
 * coordinates, whole numbers written without a fraction). Polygons and masks become their bounding
 * boxes and image-level labels are left out, each counted in {@link Losses}.
 */
final class VocWriter {
    static final String IMAGE_LABELS = "image-level labels not written (VOC objects are boxes)";
    static final String POLYGONS = "polygons written as their bounding boxes (VOC objects are boxes)";
    static final String MASKS = "masks written as their bounding boxes (VOC objects are boxes)";
    static final String CROWD = "crowd flags dropped (VOC has none)";
    static final String AREA = "declared COCO areas other than w x h dropped (VOC has none; evaluation by object size then uses w x h)";

    private VocWriter() {
    }

    static String xml(ImageRecord image, String fileName, List<Annotation> annotations, Map<Integer, Category> classes,
                      Losses losses) {
        StringBuilder sb = new StringBuilder("<annotation>\n");
        sb.append("  <folder>JPEGImages</folder>\n");
        sb.append("  <filename>").append(escape(fileName)).append("</filename>\n");
        if (image.hasSize()) {
            sb.append("  <size>\n    <width>").append(image.width()).append("</width>\n    <height>").append(image.height())
                    .append("</height>\n    <depth>3</depth>\n  </size>\n");
        }
        sb.append("  <segmented>0</segmented>\n");
        for (Annotation a : annotations) {
            Geometry g = a.geometry();
            if (g instanceof Geometry.ImageLabel) {
                losses.add(IMAGE_LABELS);
                continue;
            }
            if (g instanceof Geometry.PolygonShape) {
                losses.add(POLYGONS);
            } else if (g instanceof Geometry.MaskShape) {
                losses.add(MASKS);
            }
            if (a.crowd()) {
                losses.add(CROWD);
            }
            if (a.area() != null && a.area() != g.box().area()) {
                losses.add(AREA);
            }
            Category c = a.categoryId() == null ? null : classes.get(a.categoryId());
            Box b = g.box();
            sb.append("  <object>\n    <name>").append(c == null ? "" : escape(c.name())).append("</name>\n")
                    .append("    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n")
                    .append("    <difficult>").append(a.difficult() ? 1 : 0).append("</difficult>\n")
                    .append("    <bndbox>\n")
                    .append("      <xmin>").append(number(b.x())).append("</xmin>\n")
                    .append("      <ymin>").append(number(b.y())).append("</ymin>\n")
                    .append("      <xmax>").append(number(b.x() + b.w())).append("</xmax>\n")
                    .append("      <ymax>").append(number(b.y() + b.h())).append("</ymax>\n")
                    .append("    </bndbox>\n  </object>\n");
        }
        return sb.append("</annotation>\n").toString();
    }

    /** A whole number without a fraction, anything else in Java's shortest round-trip form. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append('_'); // not allowed in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A JSON string literal (also a YAML double-quoted scalar). */
    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
