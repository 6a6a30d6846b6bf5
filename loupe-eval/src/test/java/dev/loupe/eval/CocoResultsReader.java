package dev.loupe.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.geometry.RleCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: reads a COCO results file (a JSON list of {image_id, category_id, bbox |
 * segmentation, score}) with Jackson streaming. Segmentations may be RLE (compressed string or
 * counts list, with size [height, width]) or polygon parts. Fails on anything else, naming the
 * element.
 */
final class CocoResultsReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** One result as written in the file; ids are the COCO ids as text. */
    record Result(String imageId, String categoryId, Box bbox, Rle rle, Polygon polygon, double score) {
    }

    private CocoResultsReader() {
    }

    static List<Result> read(InputStream in) throws IOException {
        List<Result> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(in)) {
            expect(p.nextToken() == JsonToken.START_ARRAY, "a JSON list", "/");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                out.add(result(p, "/" + out.size()));
            }
        }
        return out;
    }

    private static Result result(JsonParser p, String ptr) throws IOException {
        String image = null;
        String category = null;
        Box bbox = null;
        Rle rle = null;
        Polygon polygon = null;
        Double score = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "image_id" -> image = p.getValueAsString();
                case "category_id" -> category = p.getValueAsString();
                case "score" -> score = p.getDoubleValue();
                case "bbox" -> {
                    double[] v = numbers(p);
                    expect(v.length == 4 || v.length == 0, "bbox [x, y, w, h]", ptr + "/bbox");
                    bbox = v.length == 4 ? new Box(v[0], v[1], v[2], v[3]) : null;
                }
                case "segmentation" -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        rle = rle(p, ptr + "/segmentation");
                    } else {
                        List<double[]> parts = new ArrayList<>();
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            parts.add(numbersInside(p));
                        }
                        polygon = Polygon.ofCocoParts(parts);
                    }
                }
                default -> p.skipChildren();
            }
        }
        expect(image != null && category != null && score != null, "image_id, category_id and score", ptr);
        return new Result(image, category, bbox, rle, polygon, score);
    }

    private static Rle rle(JsonParser p, String ptr) throws IOException {
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
        expect(size != null && size.length == 2, "size [height, width]", ptr + "/size");
        int h = (int) size[0];
        int w = (int) size[1];
        if (compressed != null) {
            return RleCodec.fromCocoString(compressed, h, w);
        }
        expect(counts != null, "counts", ptr + "/counts");
        int[] c = new int[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) counts[i];
        }
        return new Rle(h, w, c);
    }

    private static double[] numbers(JsonParser p) throws IOException {
        return numbersInside(p);
    }

    /** The numbers of the array whose START_ARRAY is the current token. */
    private static double[] numbersInside(JsonParser p) throws IOException {
        List<Double> v = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            v.add(p.getDoubleValue());
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void expect(boolean ok, String what, String ptr) {
        if (!ok) {
            throw new IllegalArgumentException("results " + ptr + ": expected " + what);
        }
    }
}
