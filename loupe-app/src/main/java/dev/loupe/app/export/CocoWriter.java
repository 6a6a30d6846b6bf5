package dev.loupe.app.export;

import com.fasterxml.jackson.core.JsonFactory;
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
import dev.loupe.core.model.Prediction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a COCO instances file, streaming: images, then annotations, then categories (every class of
 * the project, with its Loupe id). Ids are Loupe's. Boxes as {@code bbox}; polygons as
 * {@code segmentation} point lists; polygons with holes (which COCO polygons cannot express) and masks
 * as compressed RLE. Image-level labels are left out and counted in {@link Losses}: a COCO annotation
 * needs a bbox or a segmentation. The same class writes a prediction set as a COCO results list.
 */
final class CocoWriter {
    static final JsonFactory FACTORY = new JsonFactory();
    static final String IMAGE_LABELS = "image-level labels not written (a COCO annotation needs a bbox or a segmentation)";
    static final String HOLES = "polygons with holes written as RLE masks (COCO polygons cannot hold holes)";
    static final String DIFFICULT = "VOC difficult flags dropped (COCO has none)";
    static final String NO_SIZE = "polygons with holes on images of unknown size not written (no size to rasterise them)";

    private final JsonGenerator g;
    private final Losses losses;
    private final Map<Long, int[]> sizes = new HashMap<>();
    private boolean annotationsOpen;

    CocoWriter(OutputStream out, Losses losses) throws IOException {
        this.g = FACTORY.createGenerator(out);
        this.losses = losses;
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", "exported by Loupe");
        g.writeEndObject();
        g.writeArrayFieldStart("images");
    }

    /** One image; {@code fileName} is its path relative to the images folder the file goes with. */
    void image(ImageRecord i, String fileName) {
        try {
            g.writeStartObject();
            g.writeNumberField("id", i.id());
            g.writeStringField("file_name", fileName);
            if (i.width() != null && i.height() != null) {
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
        Geometry geo = a.geometry();
        if (geo instanceof Geometry.ImageLabel) {
            losses.add(IMAGE_LABELS);
            return;
        }
        if (geo instanceof Geometry.PolygonShape p && !p.polygon().holes().isEmpty() && !sizes.containsKey(a.imageId())) {
            losses.add(NO_SIZE);
            return;
        }
        if (a.difficult()) {
            losses.add(DIFFICULT);
        }
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
            shape(geo, a.imageId(), a.area());
            if (a.confidence() != null) {
                g.writeNumberField("score", a.confidence());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** bbox, segmentation and area of a spatial shape. */
    private void shape(Geometry geo, long imageId, Double declaredArea) throws IOException {
        Box box = geo.box();
        g.writeArrayFieldStart("bbox");
        g.writeNumber(box.x());
        g.writeNumber(box.y());
        g.writeNumber(box.w());
        g.writeNumber(box.h());
        g.writeEndArray();
        if (geo instanceof Geometry.MaskShape m) {
            rle(m.rle());
            g.writeNumberField("area", declaredArea != null ? declaredArea : Masks.area(m.rle()));
        } else if (geo instanceof Geometry.PolygonShape p && p.polygon().holes().isEmpty()) {
            g.writeArrayFieldStart("segmentation");
            for (Ring r : p.polygon().outerRings()) {
                g.writeArray(r.xy(), 0, r.xy().length);
            }
            g.writeEndArray();
            g.writeNumberField("area", declaredArea != null ? declaredArea : p.polygon().area());
        } else if (geo instanceof Geometry.PolygonShape p) {
            int[] hw = sizes.get(imageId);
            Rle rle = Rasterizer.fromPolygon(p.polygon(), hw[0], hw[1]);
            losses.add(HOLES);
            rle(rle);
            g.writeNumberField("area", Masks.area(rle));
        } else {
            g.writeNumberField("area", declaredArea != null ? declaredArea : box.area());
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

    /** Closes the annotations and writes the categories; flushes, leaving the stream open. */
    void finish(List<Category> categories) throws IOException {
        if (!annotationsOpen) {
            g.writeEndArray();
            g.writeArrayFieldStart("annotations");
        }
        g.writeEndArray();
        g.writeArrayFieldStart("categories");
        for (Category c : categories) {
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

    /**
     * A prediction set as a COCO results list ({@code image_id}, {@code category_id}, {@code bbox},
     * {@code score}, and {@code segmentation} for polygons and masks), the ids those of the export's
     * instances file, as {@code loupe predictions import} and pycocotools' loadRes read it.
     */
    static void results(OutputStream out, List<Prediction> predictions, Map<Long, int[]> sizes, Losses losses) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        CocoWriter w = new CocoWriter(g, losses, sizes);
        g.writeStartArray();
        for (Prediction p : predictions) {
            if (p.geometry() instanceof Geometry.PolygonShape poly && !poly.polygon().holes().isEmpty() && !sizes.containsKey(p.imageId())) {
                losses.add("predicted " + NO_SIZE.substring(0, 1).toLowerCase() + NO_SIZE.substring(1));
                continue;
            }
            g.writeStartObject();
            g.writeNumberField("image_id", p.imageId());
            g.writeNumberField("category_id", p.categoryId());
            w.shape(p.geometry(), p.imageId(), p.area());
            g.writeNumberField("score", p.score());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.flush();
    }

    private CocoWriter(JsonGenerator g, Losses losses, Map<Long, int[]> sizes) {
        this.g = g;
        this.losses = losses;
        this.sizes.putAll(sizes);
    }
}
