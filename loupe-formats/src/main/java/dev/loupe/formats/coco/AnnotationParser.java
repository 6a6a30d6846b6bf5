package dev.loupe.formats.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.formats.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one COCO annotation object from a streaming parser positioned on its START_OBJECT.
 * Accepts bbox, polygon segmentation (list of parts), RLE segmentation (compressed string or
 * uncompressed counts, with "size" [height, width]), area, iscrowd and score; skips the rest.
 * Never throws on bad values: it records them on the {@link RawAnnotation}.
 */
final class AnnotationParser {

    RawAnnotation parse(JsonParser p, String ptr) throws IOException {
        RawAnnotation a = new RawAnnotation();
        a.pointer = ptr;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            String fp = ptr + "/" + field;
            switch (field) {
                case "id" -> a.id = idOrNull(p);
                case "image_id" -> {
                    a.imageId = idOrNull(p);
                    if (a.imageId == null) {
                        a.fatal(fp, "expected an image id, found " + Json.describe(p));
                    }
                }
                case "category_id" -> {
                    a.categoryId = idOrNull(p);
                    if (a.categoryId == null) {
                        a.partial(fp, "expected a category id, found " + Json.describe(p));
                    }
                }
                case "bbox" -> a.bbox = box(p, fp, a);
                case "segmentation" -> segmentation(p, fp, a);
                case "area" -> {
                    a.area = Json.number(p);
                    if (a.area == null && p.currentToken() != JsonToken.VALUE_NULL) {
                        a.partial(fp, "expected a number, found " + Json.describe(p));
                    }
                }
                case "iscrowd" -> a.crowd = crowd(p, fp, a);
                case "score" -> a.score = Json.number(p);
                default -> p.skipChildren();
            }
        }
        return a;
    }

    private static String idOrNull(JsonParser p) throws IOException {
        String id = Json.idText(p);
        if (id == null) {
            p.skipChildren();
        }
        return id;
    }

    private static boolean crowd(JsonParser p, String fp, RawAnnotation a) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        Double v = Json.number(p);
        if (v != null && (v == 0 || v == 1)) {
            return v == 1;
        }
        a.partial(fp, "expected 0 or 1, found " + Json.describe(p) + "; taken as 0");
        p.skipChildren();
        return false;
    }

    private static Box box(JsonParser p, String fp, RawAnnotation a) throws IOException {
        double[] v = numbers(p);
        if (v == null || v.length != 4) {
            a.partial(fp, "expected [x, y, width, height] (4 numbers), found "
                    + (v == null ? "other values" : v.length + " numbers"));
            return null;
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    /** Reads an array of numbers; null (array skipped) when it holds anything else. */
    private static double[] numbers(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        double[] out = new double[8];
        int n = 0;
        boolean ok = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Double d = Json.number(p);
            if (d == null) {
                ok = false;
                p.skipChildren();
                continue;
            }
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = d;
        }
        return ok ? java.util.Arrays.copyOf(out, n) : null;
    }

    private static void segmentation(JsonParser p, String fp, RawAnnotation a) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            polygon(p, fp, a);
        } else if (t == JsonToken.START_OBJECT) {
            rle(p, fp, a);
        } else if (t != JsonToken.VALUE_NULL) {
            a.partial(fp, "expected a list of polygons or an RLE object, found " + Json.describe(p));
            p.skipChildren();
        }
    }

    private static void polygon(JsonParser p, String fp, RawAnnotation a) throws IOException {
        List<double[]> parts = new ArrayList<>();
        int index = 0;
        boolean bad = false;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String pp = fp + "/" + index++;
            double[] part = numbers(p);
            if (part == null) {
                a.partial(pp, "expected a polygon [x1, y1, x2, y2, ...] of numbers");
                bad = true;
            } else if (part.length < 6 || part.length % 2 != 0) {
                a.partial(pp, "a polygon needs an even number (>= 6) of coordinates, found " + part.length);
                bad = true;
            } else {
                for (double v : part) {
                    if (!Double.isFinite(v)) {
                        a.partial(pp, "polygon has a non-finite coordinate " + v);
                        bad = true;
                        break;
                    }
                }
                parts.add(part);
            }
        }
        if (!bad && !parts.isEmpty()) {
            a.polygon = Polygon.ofCocoParts(parts);
        }
    }

    private static void rle(JsonParser p, String fp, RawAnnotation a) throws IOException {
        String compressed = null;
        double[] counts = null;
        double[] size = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("counts") && p.currentToken() == JsonToken.VALUE_STRING) {
                compressed = p.getText();
            } else if (field.equals("counts")) {
                counts = numbers(p);
            } else if (field.equals("size")) {
                size = numbers(p);
            } else {
                p.skipChildren();
            }
        }
        if (size == null || size.length != 2 || size[0] < 0 || size[1] < 0
                || size[0] != Math.rint(size[0]) || size[1] != Math.rint(size[1])) {
            a.partial(fp + "/size", "expected RLE size [height, width] of two non-negative integers");
            return;
        }
        int h = (int) size[0];
        int w = (int) size[1];
        try {
            if (compressed != null) {
                a.rle = RleCodec.fromCocoString(compressed, h, w);
            } else if (counts != null) {
                int[] c = new int[counts.length];
                for (int i = 0; i < c.length; i++) {
                    if (counts[i] < 0 || counts[i] != Math.rint(counts[i])) {
                        throw new IllegalArgumentException("count " + counts[i] + " at " + i + " is not a non-negative integer");
                    }
                    c[i] = (int) counts[i];
                }
                a.rle = new Rle(h, w, c);
            } else {
                a.partial(fp + "/counts", "expected RLE counts (a string or a list of integers)");
                return;
            }
            a.rleSize = new int[] {h, w};
        } catch (IllegalArgumentException e) {
            a.partial(fp + "/counts", "invalid RLE: " + e.getMessage());
        }
    }
}
