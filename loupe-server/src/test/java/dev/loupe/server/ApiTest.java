package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.embed.model.FallbackEmbedding;
import dev.loupe.store.ProjectStore;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API in-process on the BCCD sample, checked against values computed independently: the
 * VOC XML read with regular expressions and the reference image metrics of CleanVision
 * ({@code shared/reference/image-metrics/bccd_metrics.csv}); quartiles as numpy computes them.
 */
class ApiTest {
    /** Quartiles and values are the stored doubles of metrics that match the reference to 1e-9 relative. */
    static final double TOL = 1e-9;
    static LoupeServer server;
    static Http http;
    static Path project;
    static List<VocTruth.Obj> objects;
    static Map<String, Double> p99;

    @BeforeAll
    static void start() throws IOException {
        project = BccdProject.get();
        server = LoupeServer.start(project, new ServerOptions(null, 0, null));
        http = new Http("http://127.0.0.1:" + server.port(), null);
        objects = VocTruth.objects(BccdProject.BCCD);
        p99 = new TreeMap<>();
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("loupe.shared", "/work/shared"))
                .resolve("reference/image-metrics/bccd_metrics.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int col = header.indexOf("cv_brightness_perc_99");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            p99.put(f[0], Double.parseDouble(f[col]));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void summaryCountsClassesAndIssueKinds() {
        Http.Reply r = http.get("/api/summary");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.type()).startsWith("application/json");
        JsonNode s = r.json();
        assertThat(s.at("/images").asLong()).isEqualTo(364);
        assertThat(s.at("/annotations").asLong()).isEqualTo(objects.size());
        Map<String, Long> expected = objects.stream().collect(Collectors.groupingBy(VocTruth.Obj::name, TreeMap::new, Collectors.counting()));
        Map<String, Long> actual = new TreeMap<>();
        s.at("/categories").forEach(c -> actual.put(c.get("name").asText(), c.get("annotations").asLong()));
        assertThat(actual).isEqualTo(expected);
        List<String> imageKinds = new ArrayList<>();
        s.get("imageIssues").forEach(k -> imageKinds.add(k.get("kind").asText()));
        assertThat(imageKinds).contains("dark", "blurry", "low_information");
        JsonNode degenerate = null;
        for (JsonNode k : s.get("annotationIssues")) {
            if (k.get("kind").asText().equals("degenerate_box")) {
                degenerate = k;
            }
        }
        // The two zero-size boxes of BCCD's published labels (README).
        assertThat(degenerate).isNotNull();
        assertThat(degenerate.get("count").asLong()).isEqualTo(2);
        assertThat(degenerate.get("source").asText()).isEqualTo("import");
        assertThat(s.get("predictionSets").size()).isZero();
    }

    @Test
    void catalogueListsComputedMetrics() {
        List<String> ids = new ArrayList<>();
        http.get("/api/metrics").json().forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsAll(BccdProject.METRICS);
    }

    @Test
    void distributionQuartilesMatchNumpyOnTheReference() {
        JsonNode d = http.get("/api/distribution?metric=image.perceived_brightness_p99&bins=20").json();
        List<Double> values = new ArrayList<>(p99.values());
        assertThat(d.get("count").asLong()).isEqualTo(364);
        assertThat(d.get("missing").asLong()).isZero();
        double q1 = VocTruth.quantile(values, 0.25);
        double q3 = VocTruth.quantile(values, 0.75);
        assertThat(d.get("q1").asDouble()).isCloseTo(q1, within(TOL));
        assertThat(d.get("median").asDouble()).isCloseTo(VocTruth.quantile(values, 0.5), within(TOL));
        assertThat(d.get("q3").asDouble()).isCloseTo(q3, within(TOL));
        assertThat(d.get("upperModerate").asDouble()).isCloseTo(q3 + 1.5 * (q3 - q1), within(TOL));
        assertThat(d.get("lowerSevere").asDouble()).isCloseTo(q1 - 2.5 * (q3 - q1), within(TOL));
        long outside = values.stream().filter(v -> v < q1 - 1.5 * (q3 - q1) || v > q3 + 1.5 * (q3 - q1)).count();
        assertThat(d.get("moderate").asLong() + d.get("severe").asLong()).isEqualTo(outside);
        long sum = 0;
        for (JsonNode c : d.get("binCounts")) {
            sum += c.asLong();
        }
        assertThat(sum).isEqualTo(364);
        assertThat(d.get("binEdges").size()).isEqualTo(21);
        // The lowest bin holds exactly the values below min + width.
        double min = values.stream().min(Double::compare).orElseThrow();
        double width = (values.stream().max(Double::compare).orElseThrow() - min) / 20;
        assertThat(d.at("/binCounts/0").asLong()).isEqualTo(values.stream().filter(v -> v < min + width).count());
    }

    @Test
    void distributionUnderAClassFilterUsesOnlyThoseImages() {
        Set<String> withPlatelets = objects.stream().filter(o -> o.name().equals("Platelets")).map(o -> o.file() + ".jpg")
                .collect(Collectors.toSet());
        List<Double> values = p99.entrySet().stream().filter(e -> withPlatelets.contains(e.getKey())).map(Map.Entry::getValue).toList();
        JsonNode d = http.get("/api/distribution?metric=image.perceived_brightness_p99&class=Platelets").json();
        assertThat(d.get("count").asLong()).isEqualTo(values.size()).isLessThan(364);
        assertThat(d.get("q1").asDouble()).isCloseTo(VocTruth.quantile(values, 0.25), within(TOL));
        assertThat(d.get("q3").asDouble()).isCloseTo(VocTruth.quantile(values, 0.75), within(TOL));
    }

    @Test
    void scatterGridMatchesTheReferenceCsv() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("loupe.shared", "/work/shared"))
                .resolve("reference/image-metrics/bccd_metrics.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int xc = header.indexOf("cv_brightness_perc_99");
        int yc = header.indexOf("cv_entropy");
        List<double[]> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            points.add(new double[] {Double.parseDouble(f[xc]), Double.parseDouble(f[yc])});
        }
        int bins = 8;
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] pt : points) {
            for (int k = 0; k < 2; k++) {
                lo[k] = Math.min(lo[k], pt[k]);
                hi[k] = Math.max(hi[k], pt[k]);
            }
        }
        long[][] expected = new long[bins][bins];
        for (double[] pt : points) {
            int[] b = new int[2];
            for (int k = 0; k < 2; k++) {
                double pos = (pt[k] - lo[k]) * bins / (hi[k] - lo[k]);
                // The stored values match the reference to 1e-9 relative: none may sit that close to a bin edge.
                assertThat(Math.abs(pos - Math.rint(pos)) > 1e-6 || pos == 0 || pos == bins).as("%s near an edge", pos).isTrue();
                b[k] = Math.min((int) Math.floor(pos), bins - 1);
            }
            expected[b[0]][b[1]]++;
        }
        JsonNode s = http.get("/api/scatter?x=image.perceived_brightness_p99&y=image.entropy&bins=" + bins).json();
        assertThat(s.get("count").asLong()).isEqualTo(364);
        assertThat(s.get("missing").asLong()).isZero();
        assertThat(s.get("xMin").asDouble()).isCloseTo(lo[0], within(TOL));
        assertThat(s.get("yMax").asDouble()).isCloseTo(hi[1], within(TOL));
        long[][] actual = new long[bins][bins];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                actual[i][j] = s.at("/counts/" + i + "/" + j).asLong();
            }
        }
        assertThat(actual).isDeepEqualTo(expected);
        // Under a filter: only images with a platelet, as many as /api/search counts.
        JsonNode platelets = http.get("/api/scatter?x=image.perceived_brightness_p99&y=image.entropy&class=Platelets").json();
        assertThat(platelets.get("bins").asInt()).isEqualTo(64);
        assertThat(platelets.get("count").asLong()).isEqualTo(http.get("/api/search?class=Platelets&limit=1").json().get("total").asLong())
                .isLessThan(364);
    }

    /** A mistyped split is an error wherever a filter is read, not an empty selection. */
    @Test
    void unknownSplitIsRefusedByEveryFilter() {
        for (String path : new String[] {"/api/search?split=tain", "/api/distribution?metric=image.entropy&split=tain",
            "/api/scatter?x=image.brightness&y=image.entropy&split=tain", "/api/export/csv?split=tain"}) {
            Http.Reply r = http.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).as(path)
                    .isEqualTo("unknown split 'tain'; the project's splits: test, train, val");
        }
        assertThat(http.get("/api/search?split=train&limit=1").json().get("total").asLong()).isEqualTo(205);
        assertThat(http.get("/api/search?split=none&limit=1").json().get("total").asLong()).isZero();
    }

    /** The where text is the same filter as the parameters it compiles to, wherever a filter is read. */
    @Test
    void whereTextSelectsWhatItsParametersSelect() {
        String text = java.net.URLEncoder.encode("split=train and class=Platelets,WBC and image.brightness<0.716", java.nio.charset.StandardCharsets.UTF_8);
        long byText = http.get("/api/search?limit=1&where=" + text).json().get("total").asLong();
        long byParams = http.get("/api/search?limit=1&split=train&class=Platelets&class=WBC&range=image.brightness::"
                + Math.nextDown(0.716)).json().get("total").asLong();
        assertThat(byText).isEqualTo(byParams).isPositive().isLessThan(205);
        String annotations = java.net.URLEncoder.encode("annotation.relative_area<0.002", java.nio.charset.StandardCharsets.UTF_8);
        assertThat(http.get("/api/search?limit=1&where=" + annotations).json().get("total").asLong())
                .isEqualTo(http.get("/api/search?limit=1&scope=annotation&range=annotation.relative_area::" + Math.nextDown(0.002))
                        .json().get("total").asLong());
        Http.Reply bad = http.get("/api/export/csv?where=clas%3DWBC");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).startsWith("where: unknown name 'clas'");
    }

    @Test
    void scatterNamesAnUnknownMetric() {
        Http.Reply r = http.get("/api/scatter?x=image.brightness&y=image.no_such_metric");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(r.json().get("detail").asText()).contains("unknown image metric 'image.no_such_metric'");
        assertThat(http.get("/api/scatter?x=image.brightness").status()).isEqualTo(400);
        assertThat(http.get("/api/scatter?x=image.brightness&y=image.entropy&bins=500").status()).isEqualTo(400);
    }

    @Test
    void searchSortsByAMetricAndPages() {
        List<Map.Entry<String, Double>> sorted = p99.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
        JsonNode darkest = http.get("/api/search?sort=image.perceived_brightness_p99&order=asc&limit=1").json();
        assertThat(darkest.get("total").asLong()).isEqualTo(364);
        assertThat(darkest.at("/items/0/path").asText()).isEqualTo(sorted.get(0).getKey());
        assertThat(darkest.at("/items/0/sortValue").asDouble()).isCloseTo(sorted.get(0).getValue(), within(TOL));
        JsonNode brightest = http.get("/api/search?sort=image.perceived_brightness_p99&order=desc&limit=1").json();
        assertThat(brightest.at("/items/0/path").asText()).isEqualTo(sorted.get(sorted.size() - 1).getKey());
        List<Long> all = ids(http.get("/api/search?sort=image.brightness&order=desc&limit=20").json());
        List<Long> paged = new ArrayList<>(ids(http.get("/api/search?sort=image.brightness&order=desc&limit=10").json()));
        paged.addAll(ids(http.get("/api/search?sort=image.brightness&order=desc&limit=10&offset=10").json()));
        assertThat(paged).isEqualTo(all).hasSize(20).doesNotHaveDuplicates();
        // Image hits carry every box of the image, for drawing.
        JsonNode first = darkest.at("/items/0");
        String stem = first.get("path").asText().replace(".jpg", "");
        assertThat(first.get("shapes").size()).isEqualTo(objects.stream().filter(o -> o.file().equals(stem)).count());
    }

    @Test
    void annotationSearchFiltersByClassAndMetricRange() {
        double limit = 0.005;
        long expected = objects.stream().filter(o -> o.name().equals("Platelets") && o.relativeArea() <= limit).count();
        JsonNode r = http.get("/api/search?scope=annotation&class=Platelets&range=annotation.relative_area::" + limit
                + "&sort=annotation.relative_area&limit=500").json();
        assertThat(r.get("total").asLong()).isEqualTo(expected).isPositive();
        double previous = -1;
        for (JsonNode h : r.get("items")) {
            assertThat(h.get("category").asText()).isEqualTo("Platelets");
            assertThat(h.get("sortValue").asDouble()).isBetween(previous, limit);
            previous = h.get("sortValue").asDouble();
            List<Long> shapeIds = new ArrayList<>();
            h.get("shapes").forEach(sh -> shapeIds.add(sh.get("id").asLong()));
            assertThat(shapeIds).contains(h.get("id").asLong()); // with the other boxes of its image
            String stem = h.get("path").asText().replace(".jpg", "");
            assertThat(shapeIds).hasSize((int) objects.stream().filter(o -> o.file().equals(stem)).count());
        }
        // Both bounds: the middle of the platelet sizes.
        long between = objects.stream().filter(o -> o.name().equals("Platelets") && o.relativeArea() >= 0.002
                && o.relativeArea() <= 0.004).count();
        assertThat(http.get("/api/search?scope=annotation&class=Platelets&range=annotation.relative_area:0.002:0.004")
                .json().get("total").asLong()).isEqualTo(between);
    }

    @Test
    void issueFilterSelectsWhatTheRuleFlags() {
        JsonNode kinds = http.get("/api/issues?scope=annotation").json();
        long touching = -1;
        for (JsonNode k : kinds) {
            if (k.get("kind").asText().equals("touching_border")) {
                touching = k.get("count").asLong();
            }
        }
        assertThat(touching).isPositive();
        assertThat(http.get("/api/search?scope=annotation&issue=touching_border").json().get("total").asLong()).isEqualTo(touching);
        long ranged = http.get("/api/search?scope=annotation&range=annotation.border_proximity::0").json().get("total").asLong();
        assertThat(ranged).isEqualTo(touching);
        assertThat(http.get("/api/search?scope=annotation&issue=degenerate_box").json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void detailHasMetricsAnnotationsAndNeighbours() {
        JsonNode hit = http.get("/api/search?limit=1&offset=5").json().at("/items/0");
        long id = hit.get("id").asLong();
        JsonNode d = http.get("/api/images/" + id).json();
        String stem = d.get("path").asText().replace(".jpg", "");
        assertThat(d.get("annotations").size()).isEqualTo(objects.stream().filter(o -> o.file().equals(stem)).count());
        assertThat(d.at("/metrics/image.perceived_brightness_p99").asDouble()).isCloseTo(p99.get(d.get("path").asText()), within(TOL));
        assertThat(d.at("/annotations/0/metrics/annotation.relative_area").isNumber()).isTrue();
        assertThat(d.get("previous").asLong()).isLessThan(id);
        assertThat(d.get("next").asLong()).isGreaterThan(id);
        long ann = d.at("/annotations/0/id").asLong();
        assertThat(http.get("/api/annotations/" + ann).json().get("imageId").asLong()).isEqualTo(id);
        assertThat(http.get("/api/images/999999").status()).isEqualTo(404);
    }

    @Test
    void similarImagesAreTheNearestByCosineOfTheStoredVectors() {
        VectorSet set;
        try (ProjectStore s = ProjectStore.open(project)) {
            EmbeddingModelInfo model = s.embeddings().models().get(0);
            set = s.embeddings().imageVectors(model.id());
        }
        assertThat(set.ids()).hasSize(364);
        int row = 17;
        long query = set.ids()[row];
        // Cosine similarity computed here in double precision, independently of loupe-embed's Vectors and indexes.
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < set.ids().length; i++) {
            if (i != row) {
                expected.add(new double[] {set.ids()[i], cosine(set.vectors()[row], set.vectors()[i])});
            }
        }
        expected.sort((a, b) -> Double.compare(b[1], a[1]));
        JsonNode r = http.get("/api/images/" + query + "/similar?k=5").json();
        assertThat(r.get("imageId").asLong()).isEqualTo(query);
        assertThat(r.get("model").asText()).isEqualTo(FallbackEmbedding.NAME);
        JsonNode hits = r.get("neighbours");
        assertThat(hits).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(hits.get(i).get("rank").asInt()).isEqualTo(i + 1);
            // float vectors: similarities agree to 1e-5; ranks agree unless two are that close (they are not here)
            assertThat(hits.get(i).get("similarity").asDouble()).isCloseTo(expected.get(i)[1], within(1e-5));
            assertThat(hits.get(i).get("imageId").asLong()).isEqualTo((long) expected.get(i)[0]);
            assertThat(hits.get(i).get("path").asText()).endsWith(".jpg");
        }
        assertThat(expected.get(4)[1] - expected.get(5)[1]).isGreaterThan(1e-5);
        assertThat(http.get("/api/images/" + query + "/similar?k=0").status()).isEqualTo(400);
        assertThat(http.get("/api/images/" + query + "/similar?k=101").status()).isEqualTo(400);
        assertThat(http.get("/api/images/999999/similar").status()).isEqualTo(404);
        Http.Reply unknown = http.get("/api/images/" + query + "/similar?model=clip");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains(FallbackEmbedding.NAME);
    }

    @Test
    void similarObjectsSkipTheirImageAndTheirClassShareIsTheAnnotationQuality() {
        VectorSet set;
        Map<Long, Double> quality = new HashMap<>();
        try (ProjectStore s = ProjectStore.open(project)) {
            set = s.embeddings().objectVectors(s.embeddings().models().get(0).id());
            // The ten lowest annotation.quality values: the label-agreement suspects the Label quality page lists.
            s.browse().search(new dev.loupe.store.browse.SearchRequest(dev.loupe.store.filter.ItemFilter.all(dev.loupe.api.Scope.ANNOTATION),
                    "annotation.quality", false, 0, 10), List.of()).items().forEach(h -> quality.put(h.id(), h.sortValue()));
        }
        assertThat(set.ids().length).isGreaterThan(4800);
        assertThat(quality).hasSize(10);
        for (long id : quality.keySet()) {
            int row = java.util.Arrays.binarySearch(set.ids(), id);
            List<double[]> expected = new ArrayList<>();
            for (int i = 0; i < set.ids().length; i++) {
                if (set.imageIds()[i] != set.imageIds()[row] && set.classIds()[i] >= 0) {
                    expected.add(new double[] {set.ids()[i], cosine(set.vectors()[row], set.vectors()[i])});
                }
            }
            expected.sort((a, b) -> Double.compare(b[1], a[1]));
            JsonNode r = http.get("/api/annotations/" + id + "/similar").json();
            assertThat(r.get("item").get("id").asLong()).isEqualTo(id);
            JsonNode hits = r.get("neighbours");
            assertThat(hits).hasSize(10);
            for (int i = 0; i < 10; i++) {
                JsonNode item = hits.get(i).get("item");
                assertThat(hits.get(i).get("similarity").asDouble()).isCloseTo(expected.get(i)[1], within(1e-5));
                assertThat(item.get("imageId").asLong()).isNotEqualTo(r.get("item").get("imageId").asLong());
                assertThat(item.get("shapes").size()).isPositive();
            }
            // Neighbour similarities are floats; the expected order is checked where the gaps exceed that precision.
            for (int i = 0; i < 10; i++) {
                boolean clear = (i == 0 || expected.get(i - 1)[1] - expected.get(i)[1] > 1e-5) && expected.get(i)[1] - expected.get(i + 1)[1] > 1e-5;
                if (clear) {
                    assertThat(hits.get(i).get("item").get("id").asLong()).isEqualTo((long) expected.get(i)[0]);
                }
            }
            // k = 10 is annotation.quality's k: the own class's share of the similarity is the stored metric.
            assertThat(r.get("agreement").asDouble()).isCloseTo(quality.get(id), within(1e-9));
            double shares = 0;
            for (JsonNode c : r.get("classes")) {
                shares += c.get("share").asDouble();
            }
            assertThat(shares).isCloseTo(1.0, within(1e-9));
        }
        assertThat(http.get("/api/annotations/99999999/similar").status()).isEqualTo(404);
        assertThat(http.get("/api/annotations/1/similar?k=0").status()).isEqualTo(400);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void tagsAddRemoveMatchAndExport() throws IOException {
        List<Long> three = ids(http.get("/api/search?sort=image.brightness&limit=3").json());
        String body = "{\"name\":\"api-test\",\"scope\":\"image\",\"ids\":" + three + "}";
        assertThat(http.post("/api/tags/add", body).json().get("changed").asLong()).isEqualTo(3);
        assertThat(http.post("/api/tags/add", body).json().get("changed").asLong()).isZero();
        assertThat(http.get("/api/search?tag=api-test").json().get("total").asLong()).isEqualTo(3);
        assertThat(http.post("/api/tags/remove", "{\"name\":\"api-test\",\"scope\":\"image\",\"ids\":[" + three.get(0) + "]}")
                .json().get("changed").asLong()).isEqualTo(1);
        assertThat(ids(http.get("/api/search?tag=api-test").json())).containsExactlyInAnyOrderElementsOf(three.subList(1, 3));

        long platelets = objects.stream().filter(o -> o.name().equals("Platelets")).count();
        assertThat(http.post("/api/tags/matching?scope=annotation&class=Platelets", "{\"name\":\"all platelets\"}")
                .json().get("changed").asLong()).isEqualTo(platelets);
        assertThat(http.get("/api/search?scope=annotation&tag=all%20platelets").json().get("total").asLong()).isEqualTo(platelets);
        boolean listed = false;
        for (JsonNode t : http.get("/api/tags").json()) {
            listed |= t.get("name").asText().equals("all platelets") && t.get("annotations").asLong() == platelets;
        }
        assertThat(listed).isTrue();

        // COCO export of the two tagged images: them, all their boxes, every class.
        Http.Reply coco = http.get("/api/export/coco?tag=api-test");
        assertThat(coco.status()).isEqualTo(200);
        JsonNode c = coco.json();
        assertThat(c.get("images").size()).isEqualTo(2);
        Set<String> stems = new HashSet<>();
        c.get("images").forEach(i -> stems.add(i.get("file_name").asText().replace(".jpg", "")));
        List<VocTruth.Obj> theirs = objects.stream().filter(o -> stems.contains(o.file())).toList();
        assertThat(c.get("annotations").size()).isEqualTo(theirs.size());
        assertThat(c.get("categories").size()).isEqualTo(3);
        Map<String, Integer> catIds = new HashMap<>();
        c.get("categories").forEach(k -> catIds.put(k.get("name").asText(), k.get("id").asInt()));
        List<String> exportedBoxes = new ArrayList<>();
        c.get("annotations").forEach(a -> exportedBoxes.add(a.get("category_id").asInt() + " " + a.at("/bbox/0").asDouble() + " "
                + a.at("/bbox/1").asDouble() + " " + a.at("/bbox/2").asDouble() + " " + a.at("/bbox/3").asDouble()));
        List<String> expectedBoxes = theirs.stream().map(o -> catIds.get(o.name()) + " " + o.xmin() + " " + o.ymin() + " "
                + (o.xmax() - o.xmin()) + " " + (o.ymax() - o.ymin())).toList();
        assertThat(exportedBoxes).containsExactlyInAnyOrderElementsOf(expectedBoxes);

        Http.Reply csv = http.get("/api/export/csv?scope=annotation&class=WBC");
        assertThat(csv.type()).startsWith("text/csv");
        List<String> rows = new BufferedReader(new StringReader(csv.text())).lines().toList();
        assertThat(rows.get(0)).startsWith("annotation_id,image_id,path,split,class,").contains("annotation.relative_area");
        assertThat(rows).hasSize(1 + (int) objects.stream().filter(o -> o.name().equals("WBC")).count());
    }

    @Test
    void thumbnailsAreBoundedAndCachedAndOriginalsServedById() throws IOException {
        Http.Reply t = http.get("/api/images/1/thumbnail?size=100");
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.type()).isEqualTo("image/jpeg");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(t.body()));
        assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(128);
        assertThat(project.resolve("cache/thumbnails/128/1.jpg")).exists();
        BufferedImage huge = ImageIO.read(new ByteArrayInputStream(http.get("/api/images/1/thumbnail?size=100000").body()));
        assertThat(Math.max(huge.getWidth(), huge.getHeight())).isEqualTo(640); // never larger than the image
        assertThat(http.get("/api/images/1/thumbnail?size=0").status()).isEqualTo(400);
        JsonNode d = http.get("/api/images/1").json();
        Http.Reply file = http.get("/api/images/1/file");
        assertThat(file.type()).isEqualTo("image/jpeg");
        assertThat(file.body()).isEqualTo(Files.readAllBytes(BccdProject.BCCD.resolve("JPEGImages").resolve(d.get("path").asText())));
    }

    /** The summary is kept between writes (ReadCache); a tag written through the API shows in the next one. */
    @Test
    void theSummaryShowsATagWrittenAfterItWasKept() {
        String before = http.get("/api/summary").text();
        assertThat(http.get("/api/summary").text()).isEqualTo(before);
        assertThat(before).doesNotContain("summary-cache-tag");
        http.post("/api/tags/add", "{\"name\": \"summary-cache-tag\", \"scope\": \"image\", \"ids\": [7]}");
        JsonNode tags = http.get("/api/summary").json().get("tags");
        boolean listed = false;
        for (JsonNode t : tags) {
            listed |= t.get("name").asText().equals("summary-cache-tag") && t.get("images").asLong() == 1;
        }
        assertThat(listed).as(tags.toString()).isTrue();
    }

    @Test
    void theEmbeddingMapColoursByTagAndFlagsTheFilter() {
        http.post("/api/tags/add", "{\"name\": \"map-tag\", \"scope\": \"image\", \"ids\": [3, 5]}");
        JsonNode map = http.get("/api/embedding-map?colour=tag:map-tag&class=WBC").json();
        assertThat(map.get("total").asLong()).isEqualTo(364);
        long tagged = 0;
        long matching = 0;
        for (JsonNode p : map.get("points")) {
            if (p.get("value").asDouble() == 1) {
                tagged++;
                assertThat(p.get("id").asLong()).isIn(3L, 5L);
            }
            matching += p.get("match").asBoolean() ? 1 : 0;
        }
        assertThat(tagged).isEqualTo(2);
        assertThat(matching).isEqualTo(http.get("/api/search?class=WBC&limit=1").json().get("total").asLong());
        assertThat(http.get("/api/embedding-map?scope=prediction").status()).isEqualTo(400);
    }

    @Test
    void mapCoordinatesAreFilterableButNotQuantities() {
        JsonNode metrics = http.get("/api/metrics").json();
        boolean found = false;
        for (JsonNode m : metrics) {
            if (m.get("id").asText().endsWith(".embedding_map_x")) {
                assertThat(m.get("kind").asText()).isEqualTo("coordinate");
                found = true;
            }
        }
        assertThat(found).isTrue();
        // no quartile outliers of a map axis, and the map still filters
        assertThat(http.get("/api/outliers").text()).doesNotContain("embedding_map");
        assertThat(http.get("/api/search?range=image.embedding_map_x:0:&limit=1").status()).isEqualTo(200);
    }

    /**
     * The routes Javalin registers and the operations of {@code /api/openapi.json} are the same set,
     * "METHOD path" for each. Left out: the routes outside {@code /api}, which are no part of the
     * JSON API: the app's page ({@code /} and {@code /p/NAME/}) and {@code POST /jobs}, the CLI's
     * channel to a running server (framed binary output, local and keyed; see ProjectJobs).
     */
    @Test
    void openApiDocumentsExactlyTheRegisteredRoutes() {
        JsonNode doc = http.get("/api/openapi.json").json();
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        Set<String> registered = new TreeSet<>();
        for (String route : server.routes()) {
            if (route.split(" ", 2)[1].startsWith("/api/")) {
                registered.add(route);
            }
        }
        assertThat(server.routes()).contains("POST /jobs", "GET /api/projects");
        assertThat(documented).as("documented but not registered").isSubsetOf(registered);
        assertThat(registered).as("registered but not documented").isSubsetOf(documented);
    }

    @Test
    void openApiDescribesEveryEndpointAndEachAnswers() {
        JsonNode doc = http.get("/api/openapi.json").json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        for (String p : paths) {
            if (doc.get("paths").get(p).has("get") && !p.contains("{")) {
                String q = p.equals("/api/distribution") ? "?metric=image.brightness"
                        : p.equals("/api/scatter") ? "?x=image.brightness&y=image.entropy" : "";
                // BCCD has no prediction set: /api/eval answers, and names the missing parameter (EvalApiTest has the 200s);
                // the compare endpoints need two sides (CompareApiTest and CompareSetsApiTest have the 200s).
                assertThat(http.get(p + q).status()).as(p).isEqualTo(p.startsWith("/api/eval") || p.startsWith("/api/compare/") ? 400 : 200);
            }
        }
    }

    /** Every JSON answer the app reads has the shape its 200 schema in the document describes, field for field. */
    @Test
    void answersHaveTheShapesOfTheirSchemas() {
        long image = http.get("/api/search?limit=1&offset=5").json().at("/items/0/id").asLong();
        long annotation = http.get("/api/images/" + image).json().at("/annotations/0/id").asLong();
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("/api/projects", "/api/projects");
        urls.put("/api/summary", "/api/summary");
        urls.put("/api/metrics", "/api/metrics");
        urls.put("/api/outliers", "/api/outliers");
        urls.put("/api/distribution", "/api/distribution?metric=image.brightness");
        urls.put("/api/scatter", "/api/scatter?x=image.brightness&y=image.entropy");
        urls.put("/api/embedding-map", "/api/embedding-map?scope=annotation&colour=annotation.relative_area");
        urls.put("/api/search", "/api/search?scope=annotation&sort=annotation.relative_area&limit=20");
        urls.put("/api/images/{id}", "/api/images/" + image);
        urls.put("/api/images/{id}/similar", "/api/images/" + image + "/similar?k=5");
        urls.put("/api/annotations/{id}/similar", "/api/annotations/" + annotation + "/similar?k=5");
        urls.put("/api/tags", "/api/tags");
        urls.put("/api/predictions", "/api/predictions");
        urls.put("/api/label-issues", "/api/label-issues?limit=20");
        urls.put("/api/issues", "/api/issues?scope=annotation");
        urls.put("/api/annotations/{id}", "/api/annotations/" + annotation);
        assertThat(WireSchema.problems(http, urls)).isEmpty();
    }

    @Test
    void theAppIsServedAtTheRoot() {
        Http.Reply index = http.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.text()).contains("<div id=\"app\">");
    }

    static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

}
