package dev.loupe.server;

import dev.loupe.app.eval.EvalJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.app.eval.EvaluationCache;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/eval} on voc100 (273 ground truths, 452 detections). The numbers come from the code
 * {@code loupe eval --json} runs (loupe-cli's PredictionsAndEvalTest checks the two agree to the
 * byte); here: parameters, errors, and that the figures are consistent with each other and with the
 * counts of the input files.
 */
class EvalApiTest {
    static final int GROUND_TRUTHS = 273;
    static final int DETECTIONS = 452;
    static final int CLASSES = 20;
    @TempDir
    static Path tmp;
    static Path project;
    static LoupeServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        project = Voc100Project.create(tmp);
        server = LoupeServer.start(project, new ServerOptions(null, 0, null));
        http = new Http("http://127.0.0.1:" + server.port(), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode eval(String query) {
        Http.Reply r = http.get("/api/eval?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("NaN").doesNotContain("Infinity");
        return r.json();
    }

    @Test
    void detectionAtHalfHasTheCocoTableCountsAndCurves() {
        JsonNode e = eval("set=det&iou=0.5");
        assertThat(e.at("/predictionSet/kind").asText()).isEqualTo("detection");
        assertThat(e.get("groundTruths").asInt()).isEqualTo(GROUND_TRUTHS);
        assertThat(e.get("detections").asInt()).isEqualTo(DETECTIONS);
        List<String> names = new java.util.ArrayList<>();
        e.get("summary").fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(EvalJson.SUMMARY_NAMES);
        e.get("summary").forEach(v -> assertThat(v.asDouble()).isBetween(-1.0, 1.0));

        JsonNode o = e.get("outcomes");
        long tp = o.get("tp").asLong();
        long fp = o.get("fp").asLong();
        long fn = o.get("fn").asLong();
        assertThat(tp + fp + o.get("ignored").asLong()).isEqualTo(DETECTIONS);
        assertThat(tp + fn).isEqualTo(GROUND_TRUTHS);
        assertThat(o.get("iouThreshold").asDouble()).isEqualTo(0.5);
        assertThat(o.get("precision").asDouble()).isCloseTo((double) tp / (tp + fp), within(1e-12));
        assertThat(o.get("recall").asDouble()).isCloseTo((double) tp / GROUND_TRUTHS, within(1e-12));
        long reasons = 0;
        for (JsonNode v : o.get("fpReasons")) {
            reasons += v.asLong();
        }
        assertThat(reasons).isEqualTo(fp);

        assertThat(e.get("perClass")).hasSize(CLASSES);
        long sumTp = 0;
        long sumFp = 0;
        long sumFn = 0;
        for (JsonNode c : e.get("perClass")) {
            sumTp += c.get("tp").asLong();
            sumFp += c.get("fp").asLong();
            sumFn += c.get("fn").asLong();
            assertThat(c.has("ap") && c.has("ap50") && c.has("ap75") && c.has("ar")).isTrue();
        }
        assertThat(List.of(sumTp, sumFp, sumFn)).isEqualTo(List.of(tp, fp, fn));

        Set<Integer> curveClasses = new HashSet<>();
        for (JsonNode c : e.get("prCurves")) {
            assertThat(c.get("iouThreshold").asDouble()).isIn(0.5, 0.75);
            assertThat(c.get("recall").size()).isEqualTo(c.get("precision").size());
            if (c.get("iouThreshold").asDouble() == 0.5) {
                curveClasses.add(c.get("categoryId").asInt());
            }
        }
        assertThat(curveClasses).hasSize(CLASSES);
    }

    /**
     * The confusion matrix against an independent Python implementation of the same rule (class-agnostic greedy
     * matching, highest score first, box IoU as pycocotools computes it) run on the voc100 files: diagonal,
     * off-diagonal, background row (detections of nothing) and background column (missed objects), at 0.5 and 0.75.
     */
    @Test
    void theConfusionMatrixMatchesAnIndependentCount() {
        long[][] expected = {{226, 3, 223, 44}, {153, 1, 298, 119}};
        String[] ious = {"0.5", "0.75"};
        for (int k = 0; k < 2; k++) {
            JsonNode c = http.get("/api/eval/confusion?set=det&iou=" + ious[k]).json();
            JsonNode counts = c.get("counts");
            int n = c.get("classes").size();
            assertThat(n).isEqualTo(CLASSES + 1);
            assertThat(c.at("/classes/" + CLASSES).asText()).isEqualTo("background");
            long diagonal = 0;
            long off = 0;
            long row = 0;
            long column = 0;
            for (int i = 0; i < CLASSES; i++) {
                for (int j = 0; j < CLASSES; j++) {
                    long v = counts.get(i).get(j).asLong();
                    diagonal += i == j ? v : 0;
                    off += i == j ? 0 : v;
                }
                row += counts.get(CLASSES).get(i).asLong();
                column += counts.get(i).get(CLASSES).asLong();
            }
            assertThat(new long[] {diagonal, off, row, column}).as("IoU " + ious[k]).containsExactly(expected[k]);
            // every ground truth is in its class's row, every detection in its class's column
            assertThat(diagonal + off + column).isEqualTo(GROUND_TRUTHS);
            assertThat(diagonal + off + row).isEqualTo(DETECTIONS);
        }
        // a cell's items: the missed objects of the first class with any
        JsonNode c = http.get("/api/eval/confusion?set=det&iou=0.5").json();
        for (int i = 0; i < CLASSES; i++) {
            long missed = c.get("counts").get(i).get(CLASSES).asLong();
            if (missed > 0) {
                JsonNode cell = http.get("/api/eval/confusion?set=det&iou=0.5&row=" + i + "&column=" + CLASSES).json();
                assertThat(cell.get("scope").asText()).isEqualTo("annotation");
                assertThat(cell.get("ids").size()).isEqualTo((int) missed);
                assertThat(cell.get("predictedClass").asText()).isEqualTo("background");
                break;
            }
        }
        assertThat(http.get("/api/eval/confusion?set=det&score=2").status()).isEqualTo(400);
    }

    /** The Label quality page's ranking is loupe issues' ranking (IssueRanking), with each entry's image id. */
    @Test
    void labelIssuesAreTheRankingOfLoupeIssues() {
        JsonNode v = http.get("/api/label-issues?kind=label&limit=20").json();
        dev.loupe.app.issues.IssueRanking.Ranking expected;
        try (dev.loupe.store.ProjectStore s = dev.loupe.store.ProjectStore.open(project)) {
            expected = dev.loupe.app.issues.IssueRanking.run(s, new dev.loupe.app.issues.IssueRanking.Request(
                    dev.loupe.app.issues.IssueRanking.Kind.LABEL, null, null, dev.loupe.eval.labels.LabelQuality.SELF_CONFIDENCE, 20,
                    dev.loupe.core.metrics.rules.IssueRules.forProject(project)));
        }
        assertThat(v.get("total").asInt()).isEqualTo(expected.total());
        assertThat(v.get("set").asText()).isEqualTo("det");
        assertThat(v.get("entries")).hasSize(expected.entries().size());
        for (int i = 0; i < expected.entries().size(); i++) {
            JsonNode e = v.get("entries").get(i);
            assertThat(e.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(e.get("kind").asText()).isEqualTo(expected.entries().get(i).kind());
            assertThat(e.get("image").asText()).isEqualTo(expected.entries().get(i).image());
            JsonNode image = http.get("/api/images/" + e.get("imageId").asLong()).json();
            assertThat(image.get("path").asText()).isEqualTo(e.get("image").asText());
        }
        assertThat(http.get("/api/label-issues?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/api/label-issues?kind=nope").status()).isEqualTo(400);
    }

    @Test
    void thePageViewSendsWhatThePageShows() {
        Http.Reply reply = http.get("/api/eval?set=det&iou=0.6&view=page");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length).as("bytes of one IoU step").isLessThan(200_000);
        JsonNode page = reply.json();
        JsonNode full = http.get("/api/eval?set=det&iou=0.6").json();
        assertThat(page.get("summary")).isEqualTo(full.get("summary"));
        assertThat(page.get("outcomes")).isEqualTo(full.get("outcomes"));
        assertThat(page.get("worstSlices")).isEqualTo(full.get("worstSlices"));
        page.get("prCurves").forEach(c -> assertThat(c.get("iouThreshold").asDouble()).isEqualTo(0.6));
        assertThat(page.at("/byMetric/recallOfGroundTruths/annotation.relative_area/overall"))
                .isEqualTo(full.at("/byMetric/recallOfGroundTruths/annotation.relative_area/overall"));
        assertThat(page.at("/byMetric/recallOfGroundTruths/annotation.relative_area/byClass").isMissingNode()).isTrue();
        // below 0.50 COCO keeps no curves at the threshold: the page gets those at 0.50
        http.get("/api/eval?set=det&iou=0.3&view=page").json().get("prCurves")
                .forEach(c -> assertThat(c.get("iouThreshold").asDouble()).isEqualTo(0.5));
        assertThat(http.get("/api/eval?set=det&view=nope").status()).isEqualTo(400);
    }

    @Test
    void performanceByMetricImportanceAndSlices() {
        JsonNode e = eval("set=det&iou=0.5");
        long tp = e.at("/outcomes/tp").asLong();
        JsonNode area = e.at("/byMetric/recallOfGroundTruths/annotation.relative_area/overall");
        assertThat(area.at("/total/count").asLong()).isEqualTo(GROUND_TRUTHS);
        assertThat(area.at("/total/positives").asLong()).isEqualTo(tp);
        long inBuckets = 0;
        for (JsonNode b : area.get("buckets")) {
            inBuckets += b.get("count").asLong();
        }
        assertThat(inBuckets + area.at("/missing/count").asLong()).isEqualTo(GROUND_TRUTHS);
        JsonNode byPrecision = e.at("/byMetric/precisionOfPredictions/annotation.relative_area/overall");
        assertThat(byPrecision.at("/total/count").asLong() + e.at("/outcomes/ignored").asLong()).isEqualTo(DETECTIONS);
        assertThat(byPrecision.at("/total/positives").asLong()).isEqualTo(tp);
        JsonNode imp = e.at("/importance/detectedGroundTruth");
        assertThat(imp.get("items").asInt()).isEqualTo(GROUND_TRUTHS);
        assertThat(imp.get("metrics").size()).isPositive();
        assertThat(imp.get("noiseLevel").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(e.at("/worstSlices/byRecall").isArray()).isTrue();
        for (JsonNode s : e.at("/worstSlices/byRecall")) {
            assertThat(s.get("description").asText()).isNotBlank();
            assertThat(s.get("count").asLong()).isGreaterThanOrEqualTo(e.at("/worstSlices/recallMinSupport").asLong());
        }
    }

    @Test
    void theThresholdMovesTheCountsAndTheCurves() {
        JsonNode low = eval("set=det&iou=0.3");
        JsonNode half = eval("set=det&iou=0.50");
        JsonNode high = eval("set=det&iou=0.85");
        assertThat(low.at("/outcomes/iouThreshold").asDouble()).isCloseTo(0.3, within(1e-12));
        long tpLow = low.at("/outcomes/tp").asLong();
        long tpHalf = half.at("/outcomes/tp").asLong();
        long tpHigh = high.at("/outcomes/tp").asLong();
        assertThat(tpLow).isGreaterThanOrEqualTo(tpHalf);
        assertThat(tpHalf).isGreaterThan(tpHigh);
        for (JsonNode e : List.of(low, high)) {
            long tp = e.at("/outcomes/tp").asLong();
            assertThat(tp + e.at("/outcomes/fp").asLong() + e.at("/outcomes/ignored").asLong()).isEqualTo(DETECTIONS);
            assertThat(tp + e.at("/outcomes/fn").asLong()).isEqualTo(GROUND_TRUTHS);
        }
        // COCO numbers do not depend on the outcome threshold.
        assertThat(low.get("summary")).isEqualTo(half.get("summary"));
        Set<Double> lowCurves = new HashSet<>();
        low.get("prCurves").forEach(c -> lowCurves.add(c.get("iouThreshold").asDouble()));
        assertThat(lowCurves).containsExactlyInAnyOrder(0.5, 0.75);
        Set<Double> highCurves = new HashSet<>();
        high.get("prCurves").forEach(c -> highCurves.add(c.get("iouThreshold").asDouble()));
        assertThat(highCurves).hasSize(3).contains(0.5, 0.75);
        assertThat(highCurves.stream().filter(t -> Math.abs(t - 0.85) < 1e-9)).hasSize(1);
    }

    @Test
    void theSetIsListedWithItsKindAndImportTime() {
        JsonNode sets = http.get("/api/predictions").json().get("sets");
        assertThat(sets).hasSize(1);
        assertThat(sets.at("/0/name").asText()).isEqualTo("det");
        assertThat(sets.at("/0/kind").asText()).isEqualTo("detection");
        assertThat(sets.at("/0/predictions").asLong()).isEqualTo(DETECTIONS);
        assertThat(java.time.Instant.parse(sets.at("/0/createdAt").asText())).isBefore(java.time.Instant.now());
        Http.Reply summary = http.get("/api/summary");
        assertThat(summary.status()).as(summary.text()).isEqualTo(200);
        assertThat(summary.json().at("/predictionSets/0/name").asText()).isEqualTo("det");
    }

    @Test
    void badParametersAreJsonErrors() {
        for (String q : List.of("set=det&iou=0.52", "set=det&iou=abc", "set=det&iou=1", "set=det&iou=0", "iou=0.5")) {
            Http.Reply r = http.get("/api/eval?" + q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        }
        Http.Reply missing = http.get("/api/eval?set=nope&iou=0.5");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains("'nope'");
    }

    @Test
    void similarImagesWithoutEmbeddingsSayWhatToRun() {
        Http.Reply r = http.get("/api/images/1/similar");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("detail").asText()).contains("loupe embed");
    }

    /** The detection evaluation, a page of hits with a set's outcomes and an image with them match the document's schemas. */
    @Test
    void answersWithASetHaveTheShapesOfTheirSchemas() {
        long image = http.get("/api/search?set=det&limit=1").json().at("/items/0/imageId").asLong();
        assertThat(WireSchema.problems(http, java.util.Map.of("/api/eval", "/api/eval?set=det&iou=0.5",
                "/api/search", "/api/search?set=det&limit=20",
                "/api/images/{id}", "/api/images/" + image + "?set=det", "/api/predictions", "/api/predictions",
                "/api/summary", "/api/summary"))).isEmpty();
        // The confusion matrix, and one cell's items (the schema's two alternatives).
        assertThat(WireSchema.problems(http, java.util.Map.of("/api/eval/confusion", "/api/eval/confusion?set=det&iou=0.5"))).isEmpty();
        assertThat(WireSchema.problems(http, java.util.Map.of("/api/eval/confusion",
                "/api/eval/confusion?set=det&iou=0.5&row=0&column=0"))).isEmpty();
    }

    @Test
    void classificationSetByHand(@TempDir Path dir) throws IOException {
        try (LoupeServer s = LoupeServer.start(ClassificationProject.create(dir), new ServerOptions(null, 0, null))) {
            Http api = new Http("http://127.0.0.1:" + s.port(), null);
            Http.Reply r = api.get("/api/eval?set=clf&iou=0.75"); // the IoU is checked, then ignored
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text()).doesNotContain("NaN");
            JsonNode e = r.json();
            assertThat(e.at("/predictionSet/kind").asText()).isEqualTo("classification");
            long image = api.get("/api/search?classifier=clf&limit=1").json().at("/items/0/id").asLong();
            assertThat(WireSchema.problems(api, java.util.Map.of("/api/eval", "/api/eval?set=clf",
                    "/api/search", "/api/search?classifier=clf&limit=20",
                    "/api/images/{id}/classes", "/api/images/" + image + "/classes?set=clf"))).isEmpty();
            assertThat(e.get("items").asInt()).isEqualTo(28);
            assertThat(e.get("accuracy").asDouble()).isCloseTo(25.0 / 28, within(1e-12));
            List<String> names = new java.util.ArrayList<>();
            e.get("perClass").forEach(c -> names.add(c.get("name").asText()));
            int cat = names.indexOf("cat");
            int dog = names.indexOf("dog");
            int horse = names.indexOf("horse");
            long[][] expected = new long[3][3];
            expected[cat][cat] = 6;
            expected[cat][dog] = 1;
            expected[dog][dog] = 7;
            expected[dog][horse] = 2;
            expected[horse][horse] = 12;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(e.at("/confusion/" + i + "/" + j).asLong()).as("confusion %d %d", i, j).isEqualTo(expected[i][j]);
                }
            }
            assertThat(e.at("/perClass/" + dog + "/precision").asDouble()).isCloseTo(7.0 / 8, within(1e-12));
            assertThat(e.at("/perClass/" + dog + "/recall").asDouble()).isCloseTo(7.0 / 9, within(1e-12));
            assertThat(api.get("/api/eval?set=clf&iou=0.33").status()).isEqualTo(400);
        }
    }

    @Test
    void resultsAreCachedPerSetAndThreshold() throws IOException {
        Path copy = tmp.resolve("copy");
        try (var files = java.nio.file.Files.walk(project)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, copy.resolve(project.relativize(f).toString()));
            }
        }
        try (ProjectStore store = ProjectStore.open(copy)) {
            EvaluationCache cache = new EvaluationCache();
            JsonNode first = cache.get(store, "det", "0.5");
            assertThat(cache.get(store, "det", "0.50")).isSameAs(first);
            assertThat(cache.get(store, "det", "0.55")).isNotSameAs(first);
            for (int i = 1; i <= EvaluationCache.CAPACITY + 1; i++) {
                cache.get(store, "det", String.valueOf(i * 0.05));
            }
            assertThat(cache.size()).isEqualTo(EvaluationCache.CAPACITY);
        }
    }
}
