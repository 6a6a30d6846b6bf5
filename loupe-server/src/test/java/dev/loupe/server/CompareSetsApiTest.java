package dev.loupe.server;

import dev.loupe.app.eval.EvalJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.eval.CocoOutcomeMatcher;
import dev.loupe.eval.IouType;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.predictions.ProjectCatalog;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/compare/sets} on voc100: the shared detections imported as "det", and a copy
 * written by this test with every car detection dropped and every chair box moved 8 px right as
 * "det_changed". Every delta must be exactly the difference of the two single-set evaluations
 * {@code GET /api/eval} serves; car's AP in the changed set is 0 and its TP count too; classes the
 * change does not touch keep their AP.
 */
class CompareSetsApiTest {
    static final int CAR = 4;
    static final int CHAIR = 15;
    @TempDir
    static Path tmp;
    static LoupeServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        Path project = createWithChangedSet(tmp);
        server = LoupeServer.start(project, new ServerOptions(null, 0, null));
        http = new Http("http://127.0.0.1:" + server.port(), null);
    }

    /** voc100 with "det" and "det_changed" (no car detections, chair boxes 8 px to the right); returns the project. */
    static Path createWithChangedSet(Path tmp) throws IOException {
        Path project = Voc100Project.create(tmp);
        ArrayNode dets = (ArrayNode) Json.MAPPER.readTree(Voc100Project.VOC100.resolve("coco_dets_from_abs_xywh.json").toFile());
        ArrayNode changed = Json.MAPPER.createArrayNode();
        for (JsonNode d : dets) {
            int category = d.get("category_id").asInt();
            if (category == CAR) {
                continue;
            }
            ObjectNode copy = d.deepCopy();
            if (category == CHAIR) {
                ArrayNode box = (ArrayNode) copy.get("bbox");
                box.set(0, box.get(0).asDouble() + 8);
            }
            changed.add(copy);
        }
        Path file = tmp.resolve("changed.json");
        Json.MAPPER.writeValue(file.toFile(), changed);
        try (ProjectStore store = ProjectStore.open(project)) {
            ProjectCatalog catalog = new ProjectCatalog(store.labels().images(), store.labels().categories());
            CocoResultsReader reader = new CocoResultsReader(file);
            store.predictions().importSet("det_changed", "coco", file.toString(), Map.of("iou_type", "bbox"),
                    (firstId, sink) -> reader.read(catalog, firstId, sink), new CocoOutcomeMatcher(IouType.BBOX));
        }
        return project;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode get(String path) {
        Http.Reply r = http.get(path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("NaN").doesNotContain("Infinity");
        return r.json();
    }

    /** The comparison of two sets matches the document's schema. */
    @Test
    void theComparisonHasTheShapeOfItsSchema() {
        assertThat(WireSchema.problems(http, Map.of("/api/compare/sets", "/api/compare/sets?a=det&b=det_changed&iou=0.5"))).isEmpty();
    }

    @Test
    void deltasAreTheDifferencesOfTheTwoEvaluations() {
        for (String iou : new String[] {"0.5", "0.75", "0.3"}) {
            JsonNode a = get("/api/eval?set=det&iou=" + iou);
            JsonNode b = get("/api/eval?set=det_changed&iou=" + iou);
            JsonNode c = get("/api/compare/sets?a=det&b=det_changed&iou=" + iou);
            assertThat(c.get("iouThreshold").asDouble()).isEqualTo(Double.parseDouble(iou));
            assertThat(c.at("/a/detections").asInt()).isEqualTo(452);
            assertThat(c.at("/b/detections").asInt()).isEqualTo(452 - 28);
            assertThat(c.at("/b/groundTruths").asInt()).isEqualTo(273);

            assertThat(c.get("summary").size()).isEqualTo(12);
            for (String name : EvalJson.SUMMARY_NAMES) {
                checkDelta(c.at("/summary/" + name), a.at("/summary/" + name), b.at("/summary/" + name), name);
            }
            for (String name : new String[] {"tp", "fp", "fn", "ignored", "precision", "recall"}) {
                checkDelta(c.at("/outcomes/" + name), a.at("/outcomes/" + name), b.at("/outcomes/" + name), name);
            }
            Map<Integer, JsonNode> classesA = byId(a.get("perClass"));
            Map<Integer, JsonNode> classesB = byId(b.get("perClass"));
            assertThat(c.get("perClass").size()).isEqualTo(20);
            for (JsonNode row : c.get("perClass")) {
                int id = row.get("id").asInt();
                Iterator<String> fields = row.get("metrics").fieldNames();
                int n = 0;
                while (fields.hasNext()) {
                    String f = fields.next();
                    checkDelta(row.at("/metrics/" + f), classesA.get(id).get(f), classesB.get(id).get(f), id + " " + f);
                    n++;
                }
                assertThat(n).isEqualTo(7);
                if (id != CAR && id != CHAIR) {
                    assertThat(row.at("/metrics/ap/delta").asDouble()).as("class %d", id).isZero();
                }
            }
            JsonNode car = c.get("perClass").get(CAR - 1);
            assertThat(car.get("name").asText()).isEqualTo("car");
            assertThat(car.at("/metrics/ap/a").asDouble()).isPositive();
            assertThat(car.at("/metrics/ap/b").asDouble()).isZero();
            assertThat(car.at("/metrics/ap/delta").asDouble()).isEqualTo(-car.at("/metrics/ap/a").asDouble());
            assertThat(car.at("/metrics/tp/b").asLong()).isZero();
            assertThat(car.at("/metrics/fp/b").asLong()).isZero();

            // curves at the IoU when COCO has it, else at 0.50; one per class and side, as /api/eval has them
            double curveIou = iou.equals("0.3") ? 0.5 : Double.parseDouble(iou);
            assertThat(c.at("/prCurves/iouThreshold").asDouble()).isEqualTo(curveIou);
            assertThat(c.at("/prCurves/a").size()).isEqualTo(20);
            assertThat(c.at("/prCurves/b").size()).isEqualTo(20);
            for (JsonNode curve : c.at("/prCurves/a")) {
                assertThat(curve.get("iouThreshold").asDouble()).isEqualTo(curveIou);
            }
            for (JsonNode curve : a.get("prCurves")) {
                if (curve.get("iouThreshold").asDouble() == curveIou && curve.get("categoryId").asInt() == 1) {
                    assertThat(c.at("/prCurves/a/0")).isEqualTo(curve);
                }
            }
        }
    }

    @Test
    void aSetAgainstItselfHasZeroDeltasAndErrorsAreClear() {
        JsonNode c = get("/api/compare/sets?a=det&b=det&iou=0.5");
        c.get("summary").forEach(v -> assertThat(v.get("delta").asDouble()).isZero());
        Http.Reply missing = http.get("/api/compare/sets?a=det&b=nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).isEqualTo("no prediction set 'nope'");
        Http.Reply noB = http.get("/api/compare/sets?a=det");
        assertThat(noB.status()).isEqualTo(400);
        assertThat(noB.json().get("detail").asText()).contains("a and b are required");
        Http.Reply badIou = http.get("/api/compare/sets?a=det&b=det_changed&iou=0.33");
        assertThat(badIou.status()).isEqualTo(400);
    }

    private static void checkDelta(JsonNode d, JsonNode a, JsonNode b, String what) {
        assertThat(d.get("a")).as(what).isEqualTo(a);
        assertThat(d.get("b")).as(what).isEqualTo(b);
        if (a.isNull() || b.isNull()) {
            assertThat(d.get("delta").isNull()).as(what).isTrue();
        } else if (a.isIntegralNumber()) {
            assertThat(d.get("delta").asLong()).as(what).isEqualTo(b.asLong() - a.asLong());
        } else {
            // exactly the difference, not within a tolerance
            assertThat(d.get("delta").asDouble()).as(what).isEqualTo(b.asDouble() - a.asDouble());
        }
    }

    private static Map<Integer, JsonNode> byId(JsonNode perClass) {
        Map<Integer, JsonNode> out = new HashMap<>();
        perClass.forEach(c -> out.put(c.get("id").asInt(), c));
        return out;
    }
}
