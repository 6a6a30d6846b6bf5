package dev.loupe.app.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.predictions.PredictionSetInfo;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/compare/sets} returns for two detection sets at one IoU threshold, built
 * from the two evaluations {@code GET /api/eval} serves (the same {@link dev.loupe.app.eval.EvaluationCache} entries, so the
 * figures are those of Model quality): the 12 COCO statistics, TP/FP/FN with precision and recall,
 * and AP/AP50/AP75/AR/TP/FP/FN per class, each as {@code {a, b, delta}} with {@code delta = b - a}
 * (null when either is null), plus both sets' PR curves at one IoU.
 */
public final class SetComparison {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> OUTCOME_FIELDS = List.of("tp", "fp", "fn", "ignored", "precision", "recall");
    private static final List<String> CLASS_FIELDS = List.of("ap", "ap50", "ap75", "ar", "tp", "fp", "fn");

    private SetComparison() {
    }

    /**
     * Compares two evaluations of detection sets.
     *
     * @throws LoupeException (bad input) when either set is not a detection set
     */
    public static ObjectNode of(JsonNode a, JsonNode b) {
        for (JsonNode e : List.of(a, b)) {
            if (!PredictionSetInfo.DETECTION.equals(e.at("/predictionSet/kind").asText())) {
                throw LoupeException.badInput("compare/sets compares detection sets; '" + e.at("/predictionSet/name").asText()
                        + "' is a " + e.at("/predictionSet/kind").asText() + " set");
            }
        }
        ObjectNode root = NODES.objectNode();
        double iou = a.at("/outcomes/iouThreshold").asDouble();
        root.put("iouThreshold", iou);
        root.set("a", side(a));
        root.set("b", side(b));
        root.set("summary", deltas((ObjectNode) a.get("summary"), (ObjectNode) b.get("summary"), fieldNames(a.get("summary"))));
        root.set("outcomes", deltas((ObjectNode) a.get("outcomes"), (ObjectNode) b.get("outcomes"), OUTCOME_FIELDS));
        Map<Integer, JsonNode> classesB = new HashMap<>();
        b.get("perClass").forEach(c -> classesB.put(c.get("id").asInt(), c));
        ArrayNode perClass = root.putArray("perClass");
        for (JsonNode ca : a.get("perClass")) {
            JsonNode cb = classesB.get(ca.get("id").asInt());
            ObjectNode row = perClass.addObject();
            row.put("id", ca.get("id").asInt()).put("name", ca.get("name").asText());
            row.set("metrics", deltas((ObjectNode) ca, cb == null ? NODES.objectNode() : (ObjectNode) cb, CLASS_FIELDS));
        }
        double curveIou = curveThreshold(a, iou);
        ObjectNode curves = root.putObject("prCurves");
        curves.put("iouThreshold", curveIou);
        curves.set("a", curvesAt(a, curveIou));
        curves.set("b", curvesAt(b, curveIou));
        return root;
    }

    private static ObjectNode side(JsonNode e) {
        ObjectNode s = NODES.objectNode();
        s.put("name", e.at("/predictionSet/name").asText()).put("iouType", e.at("/predictionSet/iouType").asText())
                .put("images", e.get("images").asLong()).put("groundTruths", e.get("groundTruths").asLong())
                .put("detections", e.get("detections").asLong());
        return s;
    }

    /** {@code {field: {a, b, delta}}} in the given order. */
    static ObjectNode deltas(ObjectNode a, ObjectNode b, List<String> fields) {
        ObjectNode out = NODES.objectNode();
        for (String f : fields) {
            JsonNode va = a.get(f);
            JsonNode vb = b.get(f);
            ObjectNode d = out.putObject(f);
            d.set("a", va == null ? NODES.nullNode() : va);
            d.set("b", vb == null ? NODES.nullNode() : vb);
            if (va == null || vb == null || !va.isNumber() || !vb.isNumber()) {
                d.putNull("delta");
            } else if (va.isIntegralNumber() && vb.isIntegralNumber()) {
                d.put("delta", vb.asLong() - va.asLong());
            } else {
                d.put("delta", vb.asDouble() - va.asDouble());
            }
        }
        return out;
    }

    /** The IoU of the curves: the outcome threshold when curves exist there, else 0.50. */
    private static double curveThreshold(JsonNode e, double iou) {
        for (JsonNode c : e.get("prCurves")) {
            if (c.get("iouThreshold").asDouble() == iou) {
                return iou;
            }
        }
        return 0.5;
    }

    private static ArrayNode curvesAt(JsonNode e, double iou) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode c : e.get("prCurves")) {
            if (c.get("iouThreshold").asDouble() == iou) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        Iterator<String> it = o.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
