package dev.loupe.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a selection as a COCO instances file, streaming: images, then annotations, then
 * categories (every class of the project, with its Loupe id). Boxes as {@code bbox}; polygons as
 * {@code segmentation} point lists; polygons with holes and masks as compressed RLE (COCO
 * polygons cannot express holes). Image-level labels are written without bbox. Ids are Loupe's.
 */
final class CocoExport {
    private final JsonGenerator g;
    private final Map<Long, int[]> sizes = new TreeMap<>();
    private boolean annotationsOpen;

    CocoExport(OutputStream out) throws IOException {
        this.g = Json.MAPPER.getFactory().createGenerator(out);
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", "exported by Loupe");
        g.writeEndObject();
        g.writeArrayFieldStart("images");
    }

    void image(ImageRecord i) {
        try {
            g.writeStartObject();
            g.writeNumberField("id", i.id());
            g.writeStringField("file_name", i.path());
            if (i.width() != null) {
                g.writeNumberField("width", i.width());
                g.writeNumberField("height", i.height());
                sizes.put(i.id(), new int[] {i.height(), i.width()});
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void annotation(Annotation a) {
        try {
            if (!annotationsOpen) {
                g.writeEndArray();
                g.writeArrayFieldStart("annotations");
                annotationsOpen = true;
            }
            g.writeStartObject();
            g.writeNumberField("id", a.id());
            g.writeNumberField("image_id", a.imageId());
            if (a.categoryId() != null) {
                g.writeNumberField("category_id", a.categoryId());
            }
            g.writeNumberField("iscrowd", a.crowd() ? 1 : 0);
            Geometry geo = a.geometry();
            Box box = geo instanceof Geometry.ImageLabel ? null : geo.box();
            if (box != null) {
                g.writeArrayFieldStart("bbox");
                g.writeNumber(box.x());
                g.writeNumber(box.y());
                g.writeNumber(box.w());
                g.writeNumber(box.h());
                g.writeEndArray();
            }
            int[] hw = sizes.get(a.imageId());
            if (geo instanceof Geometry.MaskShape m) {
                rle(m.rle());
                g.writeNumberField("area", Masks.area(m.rle()));
            } else if (geo instanceof Geometry.PolygonShape p && p.polygon().holes().isEmpty()) {
                g.writeArrayFieldStart("segmentation");
                for (Ring r : p.polygon().outerRings()) {
                    g.writeArray(r.xy(), 0, r.xy().length);
                }
                g.writeEndArray();
                g.writeNumberField("area", p.polygon().area());
            } else if (geo instanceof Geometry.PolygonShape p && hw != null) {
                Rle rle = Rasterizer.fromPolygon(p.polygon(), hw[0], hw[1]);
                rle(rle);
                g.writeNumberField("area", Masks.area(rle));
            } else if (box != null) {
                g.writeNumberField("area", a.area() != null ? a.area() : box.area());
            }
            if (a.confidence() != null) {
                g.writeNumberField("score", a.confidence());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rle(Rle rle) throws IOException {
        g.writeObjectFieldStart("segmentation");
        g.writeArrayFieldStart("size");
        g.writeNumber(rle.height());
        g.writeNumber(rle.width());
        g.writeEndArray();
        g.writeStringField("counts", RleCodec.toCocoString(rle));
        g.writeEndObject();
    }

    void finish(List<Category> categories) throws IOException {
        if (!annotationsOpen) {
            g.writeEndArray();
            g.writeArrayFieldStart("annotations");
        }
        g.writeEndArray();
        g.writeArrayFieldStart("categories");
        for (Category c : new ArrayList<>(categories)) {
            g.writeStartObject();
            g.writeNumberField("id", c.id());
            g.writeStringField("name", c.name());
            if (c.supercategory() != null) {
                g.writeStringField("supercategory", c.supercategory());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }
}
