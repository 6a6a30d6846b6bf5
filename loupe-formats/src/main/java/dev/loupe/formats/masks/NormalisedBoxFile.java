package dev.loupe.formats.masks;

import dev.loupe.formats.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams one frame's normalised boxes, {@code {"<instance id>": {"x": .., "y": .., "w": .., "h": ..}}}:
 * x, y is the top-left corner and w, h the size, as fractions of the image width (x, w) and height
 * (y, h), so [0, 0, 1, 1] is the whole image. Unknown keys inside a box are ignored.
 *
 * <p>Structural problems become issues and the entry is left out: a box that is not an object or
 * has a field of the wrong type or a missing field (INVALID_VALUE, with a JSON pointer such as
 * {@code /1/x}), a repeated instance id (DUPLICATE_ID, both are kept), a file that is not JSON
 * (MALFORMED_FILE with line and column; the complete boxes before the error are kept). Values are
 * delivered as read, NaN and negatives included: what is wrong with them depends on the caller.
 */
final class NormalisedBoxFile {
    private static final String FIELDS = "xywh";

    /**
     * One box as read.
     *
     * @param instanceId the key, e.g. "1"
     * @param pointer    JSON pointer of the box, e.g. "/1"
     * @param x          left edge, fraction of the image width
     * @param y          top edge, fraction of the image height
     * @param w          width, fraction of the image width
     * @param h          height, fraction of the image height
     */
    record Entry(String instanceId, String pointer, double x, double y, double w, double h) {
        /** The box in pixels of a width x height image. */
        Box toPixels(int width, int height) {
            return new Box(x * width, y * height, w * width, h * height);
        }

        /** The first NaN, infinite or negative value, or null when all four are finite and >= 0. */
        ValueProblem valueProblem() {
            double[] values = {x, y, w, h};
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i]) || values[i] < 0) {
                    String field = String.valueOf(FIELDS.charAt(i));
                    String side = i % 2 == 0 ? "image width" : "image height";
                    return new ValueProblem(pointer + "/" + field, field + " is " + values[i]
                            + "; expected a finite number >= 0 (a fraction of the " + side + ")");
                }
            }
            return null;
        }
    }

    /** A bad value: its JSON pointer ("/1/w") and what is wrong with it. */
    record ValueProblem(String pointer, String message) {
    }

    private NormalisedBoxFile() {
    }

    /**
     * Reads the file, passing each complete box to {@code boxes} in file order and each problem to
     * {@code issues}.
     *
     * @param file     the JSON file
     * @param relative its name in issues, relative to the labels folder
     */
    static void read(Path file, String relative, Consumer<Entry> boxes, Consumer<Issue> issues) {
        try (JsonParser p = Json.FACTORY.createParser(file.toFile())) {
            try {
                readObject(p, relative, boxes, issues);
            } catch (JsonProcessingException e) {
                issues.accept(issue(IssueKind.MALFORMED_FILE, relative, Json.position(e, p), Json.problem(e)
                        + "; the complete boxes before this point were kept"));
            }
        } catch (IOException e) {
            issues.accept(issue(IssueKind.MALFORMED_FILE, relative, null, "cannot read the file: " + e.getMessage()));
        }
    }

    /** Reads the top-level object of instance id -> box. */
    private static void readObject(JsonParser p, String relative, Consumer<Entry> boxes, Consumer<Issue> issues)
            throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            issues.accept(issue(IssueKind.MALFORMED_FILE, relative, null,
                    "file is empty; expected a JSON object {\"<instance id>\": {\"x\", \"y\", \"w\", \"h\"}}"));
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            issues.accept(issue(IssueKind.INVALID_VALUE, relative, null, "the file holds "
                    + Json.describe(t) + "; expected a JSON object {\"<instance id>\": {\"x\", \"y\", \"w\", \"h\"}}"));
            return;
        }
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            String pointer = Json.segment(id);
            if (!seen.add(id)) {
                issues.accept(issue(IssueKind.DUPLICATE_ID, relative, pointer, "instance id " + id
                        + " appears more than once; both boxes are kept; expected each instance once per frame"));
            }
            JsonToken value = p.nextToken();
            if (value != JsonToken.START_OBJECT) {
                issues.accept(issue(IssueKind.INVALID_VALUE, relative, pointer, "box of instance " + id + " is "
                        + Json.describe(value) + "; expected an object {\"x\", \"y\", \"w\", \"h\"}"));
                p.skipChildren();
                continue;
            }
            Entry entry = readBox(p, id, pointer, relative, issues);
            if (entry != null) {
                boxes.accept(entry);
            }
        }
        if (p.nextToken() != null) {
            issues.accept(issue(IssueKind.MALFORMED_FILE, relative, location(p), "unexpected "
                    + Json.describe(p.currentToken()) + " after the top-level object; expected the end of the file"));
        }
    }

    /** Reads the fields of one box object (the parser is on its START_OBJECT); null if incomplete. */
    private static Entry readBox(JsonParser p, String id, String pointer, String relative, Consumer<Issue> issues)
            throws IOException {
        double[] values = new double[4];
        boolean[] present = new boolean[4];
        boolean valid = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            int index = key.length() == 1 ? FIELDS.indexOf(key.charAt(0)) : -1;
            if (index >= 0) {
                if (t.isNumeric()) {
                    values[index] = p.getDoubleValue();
                    present[index] = true;
                } else {
                    valid = false;
                    issues.accept(issue(IssueKind.INVALID_VALUE, relative, pointer + "/" + key, key + " of instance "
                            + id + " is " + Json.describe(t) + (t == JsonToken.VALUE_STRING ? " \"" + p.getText()
                            + "\"" : "") + "; expected a number (a fraction of the image side); box left out"));
                }
            }
            p.skipChildren();
        }
        for (int i = 0; i < 4; i++) {
            if (!present[i] && valid) {
                valid = false;
                issues.accept(issue(IssueKind.INVALID_VALUE, relative, pointer + "/" + FIELDS.charAt(i),
                        FIELDS.charAt(i) + " of instance " + id + " is missing; expected a number; box left out"));
            }
        }
        return valid ? new Entry(id, pointer, values[0], values[1], values[2], values[3]) : null;
    }

    private static String location(JsonParser p) {
        return Json.where(p.currentLocation());
    }

    private static Issue issue(IssueKind kind, String file, String location, String message) {
        // A box that was left out has no Loupe id; a problem with the whole file is about the file.
        String itemType = location == null || kind == IssueKind.MALFORMED_FILE ? "file" : "annotation";
        return new Issue(kind, itemType, null, file, location, message);
    }
}
