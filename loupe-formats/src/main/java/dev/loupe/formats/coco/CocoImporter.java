package dev.loupe.formats.coco;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.BoxChecks;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImageCatalog;
import dev.loupe.formats.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * COCO instances JSON importer, in two streaming passes over the file: the first reads images and
 * categories (small), the second streams annotations one at a time into the sink, so memory holds
 * one entry per image and category but nothing per annotation. Image paths are "file_name"
 * relative to the images folder.
 */
public final class CocoImporter implements DatasetImporter {
    private final Path file;
    private final ImageCatalog catalog;
    private final String fileLabel;

    public CocoImporter(Path cocoFile, Path imagesRoot) {
        this.file = cocoFile;
        this.catalog = new ImageCatalog(imagesRoot);
        this.fileLabel = cocoFile.getFileName().toString();
    }

    @Override
    public String format() {
        return "coco";
    }

    /** What the second pass needs to know of an image. */
    private record ImageRef(long id, Integer width, Integer height) {
    }

    @Override
    public void read(DatasetSink sink) {
        if (!Files.isRegularFile(file)) {
            throw LoupeException.badInput(file + ": COCO file not found");
        }
        CocoHeader header = new CocoHeaderReader(file, fileLabel, sink).read();
        Map<String, Integer> categories = emitCategories(header, sink);
        Map<String, ImageRef> images = emitImages(header, sink);
        streamAnnotations(categories, images, sink);
    }

    private Map<String, Integer> emitCategories(CocoHeader header, DatasetSink sink) {
        Map<String, Integer> byId = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (CocoHeader.CategoryEntry c : header.categories) {
            if (byId.containsKey(c.sourceId())) {
                sink.issue(new Issue(IssueKind.DUPLICATE_ID, "category", null, fileLabel, c.pointer(),
                        "category id " + c.sourceId() + " (\"" + c.name() + "\") repeats an earlier id; the first is kept"));
                continue;
            }
            String name = c.name();
            if (names.containsKey(name)) {
                sink.issue(new Issue(IssueKind.DUPLICATE_ID, "category", null, fileLabel, c.pointer(),
                        "category name \"" + name + "\" of id " + c.sourceId() + " repeats id " + names.get(name)
                                + "; kept as \"" + name + " (id " + c.sourceId() + ")\""));
                name = name + " (id " + c.sourceId() + ")";
            }
            names.put(c.name(), c.sourceId());
            int id = byId.size() + 1;
            byId.put(c.sourceId(), id);
            sink.category(new Category(id, name, c.supercategory(), c.sourceId()));
        }
        return byId;
    }

    private Map<String, ImageRef> emitImages(CocoHeader header, DatasetSink sink) {
        Map<String, ImageRef> byId = new HashMap<>();
        for (CocoHeader.ImageEntry e : header.images) {
            if (byId.containsKey(e.sourceId())) {
                sink.issue(new Issue(IssueKind.DUPLICATE_ID, "image", null, fileLabel, e.pointer(),
                        "image id " + e.sourceId() + " (" + e.fileName() + ") repeats an earlier id; the first is kept "
                                + "and annotations of this id go to it"));
                continue;
            }
            ImageRecord image = catalog.add(sink, e.fileName(), e.width(), e.height(), null, e.sourceId(),
                    fileLabel, e.pointer());
            byId.put(e.sourceId(), new ImageRef(image.id(), image.width(), image.height()));
        }
        return byId;
    }

    private void streamAnnotations(Map<String, Integer> categories, Map<String, ImageRef> images, DatasetSink sink) {
        AnnotationParser parser = new AnnotationParser();
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.FACTORY.createParser(in)) {
            try {
                streamAnnotations(p, categories, images, sink, parser);
            } catch (JsonProcessingException e) {
                throw Json.unreadable(fileLabel, e, p); // the first pass read the whole file: this is a change under us
            }
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, fileLabel + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The second pass: every annotation, one at a time. */
    private void streamAnnotations(JsonParser p, Map<String, Integer> categories, Map<String, ImageRef> images,
                                   DatasetSink sink, AnnotationParser parser) throws IOException {
        long nextId = 1;
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (!field.equals("annotations")) {
                p.skipChildren();
                continue;
            }
            if (t != JsonToken.START_ARRAY) {
                sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, fileLabel, "/annotations",
                        "expected an array, found " + Json.describe(p)));
                p.skipChildren();
                continue;
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String ptr = "/annotations/" + index++;
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    sink.issue(new Issue(IssueKind.INVALID_VALUE, "annotation", null, fileLabel, ptr,
                            "expected an annotation object, found " + Json.describe(p)));
                    p.skipChildren();
                    continue;
                }
                RawAnnotation raw = parser.parse(p, ptr);
                if (accept(raw, nextId, categories, images, sink)) {
                    nextId++;
                }
            }
        }
    }

    /** Validates one annotation, emits it and its issues; false when it could not be kept. */
    private boolean accept(RawAnnotation raw, long id, Map<String, Integer> categories, Map<String, ImageRef> images,
                           DatasetSink sink) {
        String label = raw.id == null ? "annotation" : "annotation " + raw.id;
        ImageRef image = raw.imageId == null ? null : images.get(raw.imageId);
        if (raw.fatal == null && raw.imageId == null) {
            raw.fatal(raw.pointer, "\"image_id\" is missing");
        }
        if (raw.fatal == null && image == null) {
            sink.issue(new Issue(IssueKind.UNKNOWN_IMAGE, "annotation", null, fileLabel, raw.pointer + "/image_id",
                    label + " refers to image id " + raw.imageId + ", which \"images\" does not declare; not imported"));
            return false;
        }
        Geometry geometry = raw.fatal == null ? geometry(raw) : null;
        if (geometry == null) {
            String why = raw.fatal != null ? raw.fatal
                    : "no usable geometry: expected \"bbox\" or \"segmentation\""
                      + (raw.partial != null ? " (" + raw.partial + ")" : "");
            String where = raw.fatal != null ? raw.fatalPointer : raw.partial != null ? raw.partialPointer : raw.pointer;
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "annotation", null, fileLabel, where,
                    label + " not imported: " + why));
            return false;
        }
        Integer categoryId = raw.categoryId == null ? null : categories.get(raw.categoryId);
        sink.annotation(new Annotation(id, image.id(), categoryId, geometry, raw.crowd, raw.area, null, null, raw.id));
        if (raw.partial != null) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "annotation", id, fileLabel, raw.partialPointer,
                    label + ": " + raw.partial));
        }
        if (raw.categoryId == null) {
            sink.issue(new Issue(IssueKind.UNKNOWN_CATEGORY, "annotation", id, fileLabel, raw.pointer,
                    label + " has no \"category_id\"; kept without a class"));
        } else if (categoryId == null) {
            sink.issue(new Issue(IssueKind.UNKNOWN_CATEGORY, "annotation", id, fileLabel, raw.pointer + "/category_id",
                    label + " has category id " + raw.categoryId + ", which \"categories\" does not declare; kept without a class"));
        }
        if (raw.rleSize != null && image.width() != null
                && (raw.rleSize[0] != image.height() || raw.rleSize[1] != image.width())) {
            sink.issue(new Issue(IssueKind.SIZE_MISMATCH, "annotation", id, fileLabel, raw.pointer + "/segmentation/size",
                    label + ": RLE size [" + raw.rleSize[0] + ", " + raw.rleSize[1] + "] differs from the image's [height, width] ["
                            + image.height() + ", " + image.width() + "]"));
        }
        Optional<BoxChecks.Problem> problem = BoxChecks.check(geometry.box(), image.width(), image.height());
        problem.ifPresent(pr -> sink.issue(new Issue(pr.kind(), "annotation", id, fileLabel,
                raw.pointer + (raw.bbox != null ? "/bbox" : "/segmentation"), label + ": " + pr.message())));
        return true;
    }

    /** The shape: RLE before polygon before box; the box is COCO's "bbox" or derived from the shape. */
    private static Geometry geometry(RawAnnotation raw) {
        if (raw.rle != null) {
            return new Geometry.MaskShape(raw.bbox != null ? raw.bbox : Masks.toBox(raw.rle), raw.rle);
        }
        if (raw.polygon != null) {
            Box box = raw.bbox != null ? raw.bbox : raw.polygon.bounds();
            return new Geometry.PolygonShape(box, raw.polygon);
        }
        return raw.bbox == null ? null : new Geometry.BoxShape(raw.bbox);
    }
}
