package dev.loupe.formats.coco;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** First pass over a COCO instances file: reads "images" and "categories", skips "annotations". */
final class CocoHeaderReader {
    private final Path file;
    private final String fileLabel;
    private final DatasetSink sink;

    CocoHeaderReader(Path file, String fileLabel, DatasetSink sink) {
        this.file = file;
        this.fileLabel = fileLabel;
        this.sink = sink;
    }

    CocoHeader read() {
        CocoHeader header = new CocoHeader();
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.FACTORY.createParser(in)) {
            try {
                readTop(p, header);
            } catch (JsonProcessingException e) {
                throw Json.unreadable(fileLabel, e, p);
            }
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, fileLabel + ": cannot read: " + e.getMessage(), e);
        }
        if (!header.sawImages) {
            throw LoupeException.badInput(fileLabel + ": not a COCO instances file: no \"images\" array at the top level");
        }
        return header;
    }

    private void readTop(JsonParser p, CocoHeader header) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw LoupeException.badInput(fileLabel + ": not a COCO instances file: expected a JSON object with "
                    + "\"images\", \"annotations\" and \"categories\", found " + Json.describe(p));
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "images" -> {
                    header.sawImages = true;
                    readArray(p, "/images", (q, ptr) -> readImage(q, ptr, header));
                }
                case "categories" -> readArray(p, "/categories", (q, ptr) -> readCategory(q, ptr, header));
                case "annotations" -> {
                    header.sawAnnotations = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
    }

    interface ElementReader {
        void read(JsonParser p, String pointer) throws IOException;
    }

    private void readArray(JsonParser p, String pointer, ElementReader element) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, fileLabel, pointer,
                    "expected an array, found " + Json.describe(p)));
            p.skipChildren();
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String ptr = pointer + "/" + index++;
            if (p.currentToken() != JsonToken.START_OBJECT) {
                sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, fileLabel, ptr,
                        "expected an object, found " + Json.describe(p)));
                p.skipChildren();
                continue;
            }
            element.read(p, ptr);
        }
    }

    private void readImage(JsonParser p, String ptr, CocoHeader header) throws IOException {
        String id = null;
        String fileName = null;
        Integer width = null;
        Integer height = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = requireId(p, ptr + "/id");
                case "file_name" -> fileName = requireString(p, ptr + "/file_name");
                case "width" -> width = requireSize(p, ptr + "/width");
                case "height" -> height = requireSize(p, ptr + "/height");
                default -> p.skipChildren();
            }
        }
        if (id == null || fileName == null) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "image", null, fileLabel, ptr,
                    "image skipped: " + (id == null ? "\"id\"" : "\"file_name\"") + " is missing or invalid"));
            return;
        }
        header.images.add(new CocoHeader.ImageEntry(id, fileName, width, height, ptr));
    }

    private void readCategory(JsonParser p, String ptr, CocoHeader header) throws IOException {
        String id = null;
        String name = null;
        String supercategory = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = requireId(p, ptr + "/id");
                case "name" -> name = requireString(p, ptr + "/name");
                case "supercategory" -> supercategory = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
        if (id == null || name == null) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "category", null, fileLabel, ptr,
                    "category skipped: " + (id == null ? "\"id\"" : "\"name\"") + " is missing or invalid"));
            return;
        }
        header.categories.add(new CocoHeader.CategoryEntry(id, name, supercategory, ptr));
    }

    private String requireId(JsonParser p, String ptr) throws IOException {
        String id = Json.idText(p);
        if (id == null) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, fileLabel, ptr,
                    "expected an integer or string id, found " + Json.describe(p)));
            p.skipChildren();
        }
        return id;
    }

    private String requireString(JsonParser p, String ptr) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, fileLabel, ptr,
                "expected a string, found " + Json.describe(p)));
        p.skipChildren();
        return null;
    }

    private Integer requireSize(JsonParser p, String ptr) throws IOException {
        Double v = Json.number(p);
        if (v != null && v > 0 && v == Math.rint(v) && v <= Integer.MAX_VALUE) {
            return v.intValue();
        }
        sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, fileLabel, ptr,
                "expected a positive integer size, found " + Json.describe(p) + "; the image header's size is used"));
        p.skipChildren();
        return null;
    }
}
