package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/search} by prediction outcome on voc100 with the shared COCO detections (set "det").
 * At IoU 0.5 the reference counts (pycocotools' matching, TIDE-style reasons) are 226 TP, 226 FP,
 * 47 FN; FP reasons duplicate 2, wrong_class 25, localisation 33, background 166. The search must
 * return exactly these, and the image filters must agree with the prediction rows they summarise.
 */
class OutcomeApiTest {
    static final Map<String, Integer> AT_HALF = Map.of("tp", 226, "fp", 226, "duplicate", 2, "wrong_class", 25,
            "localisation", 33, "background", 166);
    @TempDir
    static Path tmp;
    static LoupeServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        server = LoupeServer.start(Voc100Project.create(tmp), new ServerOptions(null, 0, null));
        http = new Http("http://127.0.0.1:" + server.port(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode get(String path) {
        Http.Reply r = http.get(path);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
        return r.json();
    }

    /** Every item of a search, paging through. */
    private static List<JsonNode> all(String query) {
        List<JsonNode> out = new ArrayList<>();
        long total;
        do {
            JsonNode page = get("/api/search?" + query + "&limit=500&offset=" + out.size());
            total = page.get("total").asLong();
            page.get("items").forEach(out::add);
        } while (out.size() < total);
        return out;
    }

    @Test
    void predictionSearchReturnsTheReferenceCountsAtHalf() {
        assertThat(get("/api/search?scope=prediction&set=det").get("total").asInt()).isEqualTo(EvalApiTest.DETECTIONS);
        for (Map.Entry<String, Integer> e : AT_HALF.entrySet()) {
            assertThat(get("/api/search?scope=prediction&set=det&iou=0.5&outcome=" + e.getKey()).get("total").asInt())
                    .as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(get("/api/search?scope=annotation&set=det&outcome=fn").get("total").asInt()).isEqualTo(47);
        assertThat(get("/api/search?scope=annotation&set=det&outcome=tp").get("total").asInt())
                .isEqualTo(EvalApiTest.GROUND_TRUTHS - 47);
        // stricter threshold: fewer TP, every prediction still TP or FP, TP + FN = ground truths
        int tp75 = get("/api/search?scope=prediction&set=det&iou=0.75&outcome=tp").get("total").asInt();
        int fp75 = get("/api/search?scope=prediction&set=det&iou=0.75&outcome=fp").get("total").asInt();
        int fn75 = get("/api/search?scope=annotation&set=det&iou=0.75&outcome=fn").get("total").asInt();
        assertThat(tp75).isLessThan(226);
        assertThat(tp75 + fp75).isEqualTo(EvalApiTest.DETECTIONS);
        assertThat(tp75 + fn75).isEqualTo(EvalApiTest.GROUND_TRUTHS);
    }

    @Test
    void predictionRowsCarryClassScoreBoxOutcomeAndSortByScore() {
        List<JsonNode> fp = all("scope=prediction&set=det&outcome=fp&sort=prediction.score&order=desc");
        assertThat(fp).hasSize(226);
        double last = Double.MAX_VALUE;
        for (JsonNode h : fp) {
            JsonNode mine = null;
            for (JsonNode p : h.get("predictions")) {
                if (p.get("id").asLong() == h.get("id").asLong()) {
                    mine = p;
                }
            }
            assertThat(mine).as("hit %s among its image's predictions", h.get("id")).isNotNull();
            assertThat(mine.get("outcome").asText()).isIn("duplicate", "wrong_class", "localisation", "background");
            assertThat(mine.get("category").asText()).isEqualTo(h.get("category").asText());
            assertThat(mine.at("/shape/box").size()).isEqualTo(4);
            assertThat(h.get("sortValue").asDouble()).isEqualTo(mine.get("score").asDouble()).isLessThanOrEqualTo(last);
            last = h.get("sortValue").asDouble();
        }
        // a class filter and a prediction metric range narrow the rows; a metric sorts them
        List<JsonNode> dogs = all("scope=prediction&set=det&outcome=fp&class=dog");
        assertThat(dogs).isNotEmpty().allSatisfy(h -> assertThat(h.get("category").asText()).isEqualTo("dog"));
        assertThat(dogs.size()).isLessThan(226);
        List<JsonNode> big = all("scope=prediction&set=det&range=annotation.relative_area:0.25:&sort=annotation.relative_area");
        assertThat(big).isNotEmpty().allSatisfy(h -> assertThat(h.get("sortValue").asDouble()).isGreaterThanOrEqualTo(0.25));
        assertThat(big.size()).isLessThan(EvalApiTest.DETECTIONS);
    }

    @Test
    void imageFiltersAgreeWithThePredictionAndGroundTruthRows() {
        Set<Long> withFp = new TreeSet<>();
        all("scope=prediction&set=det&outcome=fp").forEach(h -> withFp.add(h.get("imageId").asLong()));
        Set<Long> images = new TreeSet<>();
        all("scope=image&set=det&outcome=fp").forEach(h -> images.add(h.get("id").asLong()));
        assertThat(images).isEqualTo(withFp);
        Set<Long> withFn = new TreeSet<>();
        all("scope=annotation&set=det&outcome=fn").forEach(h -> withFn.add(h.get("imageId").asLong()));
        Set<Long> fnImages = new TreeSet<>();
        List<JsonNode> hits = all("scope=image&set=det&outcome=fn");
        hits.forEach(h -> fnImages.add(h.get("id").asLong()));
        assertThat(fnImages).isEqualTo(withFn);
        // each hit lists its misses; together they are the 47 FN
        assertThat(hits.stream().mapToInt(h -> h.get("missed").size()).sum()).isEqualTo(47);
    }

    @Test
    void imageDetailWithASetHasItsPredictionsAndMisses() {
        JsonNode hit = get("/api/search?scope=image&set=det&outcome=fn&limit=1").get("items").get(0);
        long id = hit.get("id").asLong();
        JsonNode d = get("/api/images/" + id + "?set=det&iou=0.5");
        assertThat(d.get("id").asLong()).isEqualTo(id);
        assertThat(d.get("annotations").size()).isPositive();
        assertThat(d.at("/outcomes/set").asText()).isEqualTo("det");
        assertThat(d.at("/outcomes/iou").asDouble()).isEqualTo(0.5);
        assertThat(d.at("/outcomes/missed")).isEqualTo(hit.get("missed"));
        assertThat(d.at("/outcomes/predictions").size()).isEqualTo(hit.get("predictions").size());
        assertThat(get("/api/images/" + id).has("outcomes")).isFalse();
    }

    @Test
    void badOutcomeParametersAreClear400s() {
        assertThat(http.get("/api/search?scope=prediction").text()).contains("scope=prediction needs set");
        assertThat(http.get("/api/search?scope=prediction&set=det&iou=0.52").status()).isEqualTo(400);
        assertThat(http.get("/api/search?scope=prediction&set=det&iou=0.52").text()).contains("not one of 0.05");
        assertThat(http.get("/api/search?scope=prediction&set=det&outcome=fn").text()).contains("unknown prediction outcome 'fn'");
        assertThat(http.get("/api/search?scope=image&set=det&outcome=great").text()).contains("outcome must be tp, fp, fn");
        Http.Reply r = http.get("/api/search?scope=image&set=nope&outcome=fp");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("no prediction set named 'nope'");
        assertThat(http.get("/api/search?outcome=fp").text()).contains("outcome needs set");
        assertThat(http.get("/api/images/1?set=nope").status()).isEqualTo(400);
    }
}
