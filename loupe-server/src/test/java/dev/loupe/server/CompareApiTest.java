package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.eval.compare.KolmogorovDistribution;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/compare/distributions} on BCCD (splits train/val/test: 205/87/72 images, the
 * ImageSets files). Counts come from the split files and the VOC XML read by {@link VocTruth}; each
 * metric's values are read back through {@code /api/search} (sorted by the metric) and the test
 * computes D by brute force (both empirical cdfs at every value, exact to 1e-15) and the p-value
 * with Stephens' effective-n formula (1e-12).
 */
class CompareApiTest {
    static LoupeServer server;
    static Http http;
    static List<VocTruth.Obj> objects;

    @BeforeAll
    static void start() throws IOException {
        server = LoupeServer.start(BccdProject.get(), new ServerOptions(null, 0, null));
        http = new Http("http://127.0.0.1:" + server.port(), null);
        objects = VocTruth.objects(BccdProject.BCCD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Set<String> split(String name) throws IOException {
        return new HashSet<>(Files.readAllLines(BccdProject.BCCD.resolve("ImageSets/Main/" + name + ".txt")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode compare(String query) {
        Http.Reply r = http.get("/api/compare/distributions?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("NaN").doesNotContain("Infinity");
        return r.json();
    }

    /** The values of a metric over a split, through the search endpoint (finite ones, ascending). */
    static double[] values(String scope, String split, String metric) {
        List<Double> out = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = http.get("/api/search?scope=" + scope + "&split=" + split + "&sort=" + q(metric)
                    + "&limit=500&offset=" + offset).json();
            for (JsonNode hit : page.get("items")) {
                if (hit.get("sortValue").isNumber()) {
                    out.add(hit.get("sortValue").asDouble());
                }
            }
            if (offset + 500 >= page.get("total").asLong()) {
                break;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** D by brute force: both empirical cdfs evaluated at every value of either sample. */
    static double bruteForceD(double[] a, double[] b) {
        double d = 0;
        for (double[] side : List.of(a, b)) {
            for (double t : side) {
                long fa = java.util.Arrays.stream(a).filter(v -> v <= t).count();
                long fb = java.util.Arrays.stream(b).filter(v -> v <= t).count();
                d = Math.max(d, Math.abs((double) fa / a.length - (double) fb / b.length));
            }
        }
        return d;
    }

    /** The comparison of two selections matches the document's schema. */
    @Test
    void theComparisonHasTheShapeOfItsSchema() {
        assertThat(WireSchema.problems(http, java.util.Map.of("/api/compare/distributions",
                "/api/compare/distributions?scope=annotation&a=split:train&b=split:test&bins=12"))).isEmpty();
    }

    @Test
    void imageSplitsCountsAndKsMatchTheStoredValues() throws IOException {
        JsonNode c = compare("scope=image&a=split:train&b=split:val");
        assertThat(c.at("/a/items").asLong()).isEqualTo(split("train").size()).isEqualTo(205);
        assertThat(c.at("/b/items").asLong()).isEqualTo(split("val").size()).isEqualTo(87);
        assertThat(c.get("bins").asInt()).isEqualTo(30);
        List<String> ids = new ArrayList<>();
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode row : c.get("metrics")) {
            String id = row.get("metricId").asText();
            ids.add(id);
            assertThat(row.at("/a/count").asLong() + row.at("/a/missing").asLong()).as(id).isEqualTo(205);
            assertThat(row.at("/b/count").asLong() + row.at("/b/missing").asLong()).as(id).isEqualTo(87);
            double[] a = values("image", "train", id);
            double[] b = values("image", "val", id);
            assertThat(row.at("/a/count").asLong()).as(id).isEqualTo(a.length);
            assertThat(row.at("/a/median").asDouble()).as(id).isCloseTo(VocTruth.quantile(box(a), 0.5), within(1e-12));
            double d = bruteForceD(a, b);
            assertThat(row.at("/ks/d").asDouble()).as(id).isCloseTo(d, within(1e-15));
            double ne = (double) a.length * b.length / (a.length + b.length);
            double p = KolmogorovDistribution.survival((Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d);
            assertThat(row.at("/ks/pValue").asDouble()).as(id).isCloseTo(p, within(1e-12));
            // ranked by D, largest first
            assertThat(d).isLessThanOrEqualTo(previous);
            previous = d;
            // both histograms on the shared edges from the joint min to the joint max, counts add up
            JsonNode edges = row.get("binEdges");
            assertThat(edges.get(0).asDouble()).isEqualTo(Math.min(a[0], b[0]));
            assertThat(edges.get(edges.size() - 1).asDouble()).isEqualTo(Math.max(a[a.length - 1], b[b.length - 1]));
            assertThat(sum(row.get("countsA"))).isEqualTo(a.length);
            assertThat(sum(row.get("countsB"))).isEqualTo(b.length);
            assertThat(row.get("countsA").size()).isEqualTo(edges.size() - 1);
        }
        assertThat(ids).contains("image.brightness", "image.entropy", "image.object_count");
    }

    @Test
    void annotationScopeComparesTheObjectsOfTwoSplits() throws IOException {
        Set<String> train = split("train");
        Set<String> test = split("test");
        long inTrain = objects.stream().filter(o -> train.contains(o.file())).count();
        long inTest = objects.stream().filter(o -> test.contains(o.file())).count();
        JsonNode c = compare("scope=annotation&a=split:train&b=split:test&bins=12");
        assertThat(c.at("/a/items").asLong()).isEqualTo(inTrain);
        assertThat(c.at("/b/items").asLong()).isEqualTo(inTest);
        JsonNode area = null;
        for (JsonNode row : c.get("metrics")) {
            if (row.get("metricId").asText().equals("annotation.relative_area")) {
                area = row;
            }
        }
        assertThat(area).isNotNull();
        assertThat(area.get("countsA").size()).isEqualTo(12);
        // relative area straight from the XML, as the API test of /api/distribution does
        double[] a = objects.stream().filter(o -> train.contains(o.file())).mapToDouble(VocTruth.Obj::relativeArea).sorted().toArray();
        double[] b = objects.stream().filter(o -> test.contains(o.file())).mapToDouble(VocTruth.Obj::relativeArea).sorted().toArray();
        assertThat(area.at("/ks/d").asDouble()).isCloseTo(bruteForceD(a, b), within(1e-12));
        assertThat(area.at("/a/q1").asDouble()).isCloseTo(VocTruth.quantile(box(a), 0.25), within(1e-9));
    }

    @Test
    void filterLikeSidesAndSameSides() {
        // a class on the annotation scope: WBC of train against WBC of val
        JsonNode c = compare("scope=annotation&a=" + q("split:train;class:WBC") + "&b=" + q("split:val;class:WBC"));
        long wbcTrain = objects.stream().filter(o -> o.name().equals("WBC")).count();
        assertThat(c.at("/a/items").asLong()).isPositive().isLessThan(wbcTrain);
        // a side against itself: D = 0 and p = 1 for every metric with values
        JsonNode same = compare("scope=image&a=all&b=all");
        assertThat(same.at("/a/items").asLong()).isEqualTo(364);
        for (JsonNode row : same.get("metrics")) {
            if (row.at("/a/count").asLong() > 0) {
                assertThat(row.at("/ks/d").asDouble()).isZero();
                assertThat(row.at("/ks/pValue").asDouble()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void badSidesAreOneLine400s() {
        assertBad("scope=image&b=split:val", "a is required");
        assertBad("scope=image&a=split:train&b=color:red", "b: unknown key 'color'");
        assertBad("scope=image&a=split:train&b=split:", "b: term 'split:' must be KEY:VALUE");
        assertBad("scope=image&a=split:nope&b=split:val", "unknown split 'nope'; the project's splits: test, train, val");
        assertBad("scope=image&a=" + q("range:image.brightness:x:") + "&b=all", "range bound 'x' is not a finite number");
        assertBad("scope=image&a=all&b=all&bins=0", "bins must be between 1 and 200");
        assertBad("scope=prediction&a=all&b=all", "scope must be image or annotation");
    }

    private static void assertBad(String query, String message) {
        Http.Reply r = http.get("/api/compare/distributions?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains(message).doesNotContain("\n");
    }

    private static List<Double> box(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    private static long sum(JsonNode a) {
        long s = 0;
        for (JsonNode v : a) {
            s += v.asLong();
        }
        return s;
    }
}
