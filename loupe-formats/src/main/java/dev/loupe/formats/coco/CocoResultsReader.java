package dev.loupe.formats.coco;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.formats.BoxChecks;
import dev.loupe.formats.Json;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.predictions.ProjectCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a COCO results file, the list that detectors write for COCOeval:
 * {@code [{"image_id", "category_id", "bbox" | "segmentation", "score"}, ...]}, streaming (one
 * result in memory at a time). Image ids are the project's COCO image ids (an image's source id),
 * else image paths; category ids are COCO category ids (source ids), else class names.
 *
 * <p>Shapes and areas follow pycocotools' {@code loadRes} so that evaluation matches COCOeval: the
 * first result decides the file's kind. In a box file (first result has a non-empty "bbox") every
 * result is a box with area w * h (a segmentation, when given, is kept as the shape). In a
 * segmentation file the box is the mask's bounding box and the area its pixel count.
 */
public final class CocoResultsReader implements PredictionReader {
    private final Path file;
    private final String fileLabel;

    public CocoResultsReader(Path file) {
        this.file = file;
        this.fileLabel = file.getFileName().toString();
    }

    /**
     * Whether the file holds box results, decided as pycocotools' loadRes does: its first result
     * has a non-empty "bbox". False for a segmentation file; true when the file is empty or not a
     * list (the reader then reports the problem).
     */
    public static boolean isBoxFile(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_OBJECT) {
                return true;
            }
            RawAnnotation first = new AnnotationParser().parse(p, "/0");
            return first.bbox != null || (first.rle == null && first.polygon == null);
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public String format() {
        return "coco";
    }

    @Override
    public void read(ProjectCatalog project, long firstId, PredictionSink sink) {
        if (!Files.isRegularFile(file)) {
            throw LoupeException.badInput(file + ": results file not found");
        }
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.FACTORY.createParser(in)) {
            try {
                readResults(p, project, firstId, sink);
            } catch (JsonProcessingException e) {
                throw Json.unreadable(fileLabel, e, p);
            }
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, fileLabel + ": cannot read: " + e.getMessage(), e);
        }
    }

    private void readResults(JsonParser p, ProjectCatalog project, long firstId, PredictionSink sink) throws IOException {
        AnnotationParser parser = new AnnotationParser();
        long id = firstId;
        Boolean boxFile = null;
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_ARRAY) {
            throw LoupeException.badInput(fileLabel + ": expected a JSON list of results "
                    + "[{\"image_id\", \"category_id\", \"bbox\", \"score\"}, ...], found "
                    + (first == JsonToken.START_OBJECT ? "an object (is this a COCO annotations file? "
                    + "ground truth goes to 'loupe init --coco')" : Json.describe(first)));
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String ptr = "/" + index++;
            if (p.currentToken() != JsonToken.START_OBJECT) {
                sink.issue(new Issue(IssueKind.INVALID_VALUE, "prediction", null, fileLabel, ptr,
                        "expected a result object, found " + Json.describe(p)));
                p.skipChildren();
                continue;
            }
            RawAnnotation raw = parser.parse(p, ptr);
            if (boxFile == null) {
                boxFile = raw.bbox != null;
            }
            if (accept(raw, id, boxFile, project, sink)) {
                id++;
            }
        }
    }

    private boolean accept(RawAnnotation raw, long id, boolean boxFile, ProjectCatalog project, PredictionSink sink) {
        String label = "result " + raw.pointer.substring(1);
        if (raw.fatal != null) {
            return reject(sink, raw.fatalPointer, label + " not imported: " + raw.fatal, IssueKind.INVALID_VALUE);
        }
        if (raw.imageId == null) {
            return reject(sink, raw.pointer, label + " not imported: \"image_id\" is missing", IssueKind.INVALID_VALUE);
        }
        ImageRecord image = project.imageBySourceId(raw.imageId);
        if (image == null) {
            image = project.imageByPath(raw.imageId);
        }
        if (image == null) {
            return reject(sink, raw.pointer + "/image_id", label + " refers to image id " + raw.imageId
                    + ", which is not an image of this project; not imported", IssueKind.UNKNOWN_IMAGE);
        }
        if (raw.categoryId == null) {
            return reject(sink, raw.pointer + "/category_id", label + " not imported: \"category_id\" is missing "
                    + "or not an id" + (raw.partial != null ? " (" + raw.partial + ")" : ""), IssueKind.INVALID_VALUE);
        }
        Category category = project.categoryBySourceId(raw.categoryId);
        if (category == null) {
            category = project.categoryByName(raw.categoryId);
        }
        if (category == null) {
            return reject(sink, raw.pointer + "/category_id", label + " has category id " + raw.categoryId
                    + ", which is not a class of this project; not imported", IssueKind.UNKNOWN_CATEGORY);
        }
        if (raw.score == null) {
            return reject(sink, raw.pointer + "/score", label + " not imported: \"score\" is missing or not a number",
                    IssueKind.INVALID_VALUE);
        }
        if (!(raw.score >= 0 && raw.score <= 1)) {
            return reject(sink, raw.pointer + "/score", label + " not imported: score " + raw.score
                    + " must be in [0, 1]", IssueKind.INVALID_VALUE);
        }
        Geometry geometry;
        Double area;
        try {
            if (boxFile) {
                if (raw.bbox == null) {
                    return reject(sink, raw.pointer, label + " not imported: the file holds box results (its first "
                            + "result has \"bbox\") but this one has no usable \"bbox\""
                            + (raw.partial != null ? " (" + raw.partial + ")" : ""), IssueKind.INVALID_VALUE);
                }
                geometry = raw.rle != null ? new Geometry.MaskShape(raw.bbox, raw.rle)
                        : raw.polygon != null ? new Geometry.PolygonShape(raw.bbox, raw.polygon)
                        : new Geometry.BoxShape(raw.bbox);
                area = raw.bbox.w() * raw.bbox.h();
            } else {
                Rle mask = raw.rle;
                if (mask == null && raw.polygon != null) {
                    if (!image.hasSize()) {
                        return reject(sink, raw.pointer + "/segmentation", label + " not imported: its polygon needs "
                                + "the size of " + image.path() + ", which could not be read", IssueKind.INVALID_VALUE);
                    }
                    mask = Rasterizer.fromPolygon(raw.polygon, image.height(), image.width());
                }
                if (mask == null) {
                    return reject(sink, raw.pointer, label + " not imported: no usable \"bbox\" or \"segmentation\""
                            + (raw.partial != null ? " (" + raw.partial + ")" : ""), IssueKind.INVALID_VALUE);
                }
                Box box = Masks.toBox(mask);
                geometry = raw.rle != null ? new Geometry.MaskShape(box, raw.rle) : new Geometry.PolygonShape(box, raw.polygon);
                area = (double) Masks.area(mask);
            }
        } catch (IllegalArgumentException e) {
            return reject(sink, raw.pointer, label + " not imported: " + e.getMessage(), IssueKind.INVALID_VALUE);
        }
        sink.prediction(new Prediction(id, image.id(), category.id(), geometry, raw.score, area, raw.pointer));
        if (raw.partial != null) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "prediction", id, fileLabel, raw.partialPointer,
                    label + ": " + raw.partial));
        }
        if (raw.rleSize != null && image.hasSize()
                && (raw.rleSize[0] != image.height() || raw.rleSize[1] != image.width())) {
            sink.issue(new Issue(IssueKind.SIZE_MISMATCH, "prediction", id, fileLabel, raw.pointer + "/segmentation/size",
                    label + ": RLE size [" + raw.rleSize[0] + ", " + raw.rleSize[1] + "] differs from the image's "
                            + "[height, width] [" + image.height() + ", " + image.width() + "]"));
        }
        final long kept = id;
        BoxChecks.check(geometry.box(), image.width(), image.height()).ifPresent(pr -> sink.issue(new Issue(pr.kind(),
                "prediction", kept, fileLabel, raw.pointer + (raw.bbox != null ? "/bbox" : "/segmentation"),
                label + ": " + pr.message())));
        return true;
    }

    private boolean reject(PredictionSink sink, String pointer, String message, IssueKind kind) {
        sink.issue(new Issue(kind, "prediction", null, fileLabel, pointer, message));
        return false;
    }
}
