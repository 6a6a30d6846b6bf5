package dev.loupe.store.browse;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.metrics.rules.Condition;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.metrics.MetricRunTest;
import dev.loupe.store.tags.TagCount;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The web app's queries on a project small enough to compute by hand: images 1..6 of width 10·i;
 * image i has i % 3 boxes, the first of class a, the second of class b (annotations 1: a on image
 * 1; 2: a and 3: b on image 2; 4: a on image 4; 5: a and 6: b on image 5); metric image.test_width.
 */
class BrowseTest {
    static final List<IssueRule> RULES = List.of(new IssueRule("wide", Scope.IMAGE, "wider than 45",
            List.of(new Condition("image.test_width", Condition.Op.GT, 45))));

    @TempDir
    Path tmp;
    ProjectStore store;

    @BeforeEach
    void create() {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.category(new Category(1, "a", null, null));
            sink.category(new Category(2, "b", null, null));
            long id = 1;
            for (int i = 1; i <= 6; i++) {
                sink.image(new ImageRecord(i, "img" + i + ".jpg", 10 * i, 5, "jpeg", i <= 3 ? "train" : null, 100, null));
                for (int k = 0; k < i % 3; k++) {
                    sink.annotation(Annotation.of(id++, i, 1 + k, new Geometry.BoxShape(new Box(k, 0, 1 + k, 2)), null));
                }
            }
        });
        store = ProjectStore.open(project);
        new MetricRunner(store.metrics().analysis(), 1, ProgressListener.NONE).run(List.of(new MetricRunTest.Width()), Map.of());
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    static ItemFilter images(List<ItemFilter.MetricRange> ranges, List<String> classes, List<String> issues, List<String> splits) {
        return new ItemFilter(Scope.IMAGE, ranges, classes, List.of(), issues, splits);
    }

    @Test
    void distributionByHand() {
        Distribution d = store.browse().distribution(ItemFilter.all(Scope.IMAGE), "image.test_width", 5, RULES);
        // numpy.quantile([10..60], [.25, .5, .75]) = 22.5, 35, 47.5
        assertThat(d.count()).isEqualTo(6);
        assertThat(d.q1()).isCloseTo(22.5, within(1e-12));
        assertThat(d.median()).isCloseTo(35.0, within(1e-12));
        assertThat(d.q3()).isCloseTo(47.5, within(1e-12));
        assertThat(d.upperModerate()).isCloseTo(47.5 + 1.5 * 25, within(1e-12));
        assertThat(d.moderate()).isZero();
        assertThat(d.binEdges()).containsExactly(10, 20, 30, 40, 50, 60);
        assertThat(d.binCounts()).containsExactly(1, 1, 1, 1, 2); // the last bin holds 50 and the max, 60
        // Images with a box of class b: 2 and 5, widths 20 and 50.
        Distribution b = store.browse().distribution(images(List.of(), List.of("b"), List.of(), List.of()), "image.test_width", 5, RULES);
        assertThat(b.count()).isEqualTo(2);
        assertThat(b.q1()).isCloseTo(27.5, within(1e-12));
        assertThat(b.q3()).isCloseTo(42.5, within(1e-12));
    }

    /**
     * Twelve images of widths 10, 20, ..., 100, 200 and 1000; class "even" on images 2, 4, ..., 12,
     * class "one" on image 12 only, class "none" on no image. By hand (numpy's linear quantiles at
     * positions 2.75, 5.5 and 8.25): Q1 37.5, median 65, Q3 92.5, IQR 55; moderate fences -45 and
     * 175, severe ones -100 and 230: 200 is a moderate outlier, 1000 a severe one. Four bins of
     * width 247.5 from 10: [11, 0, 0, 1].
     */
    @Test
    void outliersAndBinsOfAFilteredDistributionByHand() {
        Path project = tmp.resolve("q");
        int[] widths = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 1000};
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.category(new Category(1, "even", null, null));
            sink.category(new Category(2, "one", null, null));
            sink.category(new Category(3, "none", null, null));
            for (int i = 1; i <= widths.length; i++) {
                sink.image(new ImageRecord(i, "img" + i + ".jpg", widths[i - 1], 5, "jpeg", null, 100, null));
                if (i % 2 == 0) {
                    sink.annotation(Annotation.of(i, i, 1, new Geometry.BoxShape(new Box(0, 0, 1, 1)), null));
                }
            }
            sink.annotation(Annotation.of(100, 12, 2, new Geometry.BoxShape(new Box(0, 0, 1, 1)), null));
        });
        try (ProjectStore q = ProjectStore.open(project)) {
            new MetricRunner(q.metrics().analysis(), 1, ProgressListener.NONE).run(List.of(new MetricRunTest.Width()), Map.of());
            Distribution all = q.browse().distribution(ItemFilter.all(Scope.IMAGE), "image.test_width", 4, RULES);
            assertThat(List.of(all.q1(), all.median(), all.q3())).containsExactly(37.5, 65.0, 92.5);
            assertThat(List.of(all.lowerModerate(), all.upperModerate(), all.lowerSevere(), all.upperSevere()))
                    .containsExactly(-45.0, 175.0, -100.0, 230.0);
            assertThat(List.of(all.moderate(), all.severe())).containsExactly(1L, 1L);
            assertThat(all.binEdges()).containsExactly(10, 257.5, 505, 752.5, 1000);
            assertThat(all.binCounts()).containsExactly(11, 0, 0, 1);
            // Class "even": widths 20, 40, 60, 80, 100, 1000; Q1 at 1.25: 45, median 70, Q3 at 3.75: 95,
            // IQR 50, fences -30 / 170 and -80 / 220: 1000 is severe. Two bins of width 490 from 20.
            Distribution even = q.browse().distribution(images(List.of(), List.of("even"), List.of(), List.of()), "image.test_width", 2, RULES);
            assertThat(even.count()).isEqualTo(6);
            assertThat(List.of(even.q1(), even.median(), even.q3())).containsExactly(45.0, 70.0, 95.0);
            assertThat(List.of(even.moderate(), even.severe())).containsExactly(0L, 1L);
            assertThat(even.binEdges()).containsExactly(20, 510, 1000);
            assertThat(even.binCounts()).containsExactly(5, 1);
            // One value: one bin from it to itself, no outliers.
            Distribution one = q.browse().distribution(images(List.of(), List.of("one"), List.of(), List.of()), "image.test_width", 4, RULES);
            assertThat(one.binEdges()).containsExactly(1000, 1000);
            assertThat(one.binCounts()).containsExactly(1);
            assertThat(List.of(one.moderate(), one.severe())).containsExactly(0L, 0L);
            // No value: no bins, no quartiles, no outlier verdict.
            Distribution none = q.browse().distribution(images(List.of(), List.of("none"), List.of(), List.of()), "image.test_width", 4, RULES);
            assertThat(none.count()).isZero();
            assertThat(none.binEdges()).isEmpty();
            assertThat(none.q1()).isNull();
            assertThat(none.moderate()).isNull();
            // The same classes select the same annotations by category id (no join of the names).
            assertThat(q.browse().count(new ItemFilter(Scope.ANNOTATION, List.of(), List.of("even", "one"), List.of(), List.of(), List.of()),
                    RULES)).isEqualTo(7);
        }
    }

    @Test
    void searchFiltersSortsAndPages() {
        SearchPage p = store.browse().search(new SearchRequest(ItemFilter.all(Scope.IMAGE), "image.test_width", true, 1, 2), RULES);
        assertThat(p.total()).isEqualTo(6);
        assertThat(p.items()).extracting(SearchPage.Hit::id).containsExactly(5L, 4L);
        assertThat(p.items().get(0).sortValue()).isEqualTo(50.0);
        assertThat(p.items().get(0).shapes()).extracting(Shape::id).containsExactly(5L, 6L);
        assertThat(ids(images(List.of(new ItemFilter.MetricRange("image.test_width", 20.0, 40.0)), List.of(), List.of(), List.of())))
                .containsExactly(2L, 3L, 4L);
        assertThat(ids(images(List.of(), List.of(), List.of("wide"), List.of()))).containsExactly(5L, 6L);
        assertThat(ids(images(List.of(), List.of(), List.of(), List.of("none")))).containsExactly(4L, 5L, 6L);
        assertThat(ids(images(List.of(), List.of("a", "b"), List.of(), List.of("train")))).containsExactly(1L, 2L);
        assertThat(ids(new ItemFilter(Scope.ANNOTATION, List.of(), List.of("b"), List.of(), List.of(), List.of()))).containsExactly(3L, 6L);
        SearchPage b = store.browse().search(new SearchRequest(new ItemFilter(Scope.ANNOTATION, List.of(), List.of("b"), List.of(), List.of(),
                List.of()), null, false, 0, 1), RULES);
        assertThat(b.items().get(0).shapes()).extracting(Shape::id).containsExactly(2L, 3L); // annotation 3 with its neighbour
        assertThat(store.browse().issueKinds(Scope.IMAGE, RULES)).extracting(IssueKindInfo::kind, IssueKindInfo::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wide", 2L));
    }

    @Test
    void objectsTiedOnQualitySortByTheirStoredMargin() {
        dev.loupe.api.MetricDescriptor quality = dev.loupe.api.MetricDescriptor.annotation("annotation.quality", "Quality", "q",
                dev.loupe.api.ValueKind.UNIT_INTERVAL, dev.loupe.api.MetricDescriptor.ALL_SHAPES, dev.loupe.api.Direction.HIGHER_IS_BETTER);
        dev.loupe.api.MetricDescriptor margin = dev.loupe.api.MetricDescriptor.annotation("annotation.quality_margin", "Margin", "m",
                dev.loupe.api.ValueKind.REAL, dev.loupe.api.MetricDescriptor.ALL_SHAPES, dev.loupe.api.Direction.HIGHER_IS_BETTER);
        long[] ids = {1, 2, 3, 4, 5, 6};
        var runs = store.metrics().analysis();
        long run = runs.begin(List.of(quality), Map.of());
        runs.writeAll(run, quality, ids, new double[] {0, 0, 0, 1, 1, 0.5}, 6);
        runs.finish(run, "succeeded", "");
        ItemFilter all = ItemFilter.all(Scope.ANNOTATION);
        // without a stored margin, ties stay in id order
        assertThat(store.browse().search(new SearchRequest(all, "annotation.quality", false, 0, 10), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(1L, 2L, 3L, 6L, 4L, 5L);
        run = runs.begin(List.of(margin), Map.of());
        runs.writeAll(run, margin, ids, new double[] {-0.1, -0.5, 0.2, 0.3, 0.1, 0}, 6);
        runs.finish(run, "succeeded", "");
        assertThat(store.browse().search(new SearchRequest(all, "annotation.quality", false, 0, 10), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(2L, 1L, 3L, 6L, 5L, 4L);
        assertThat(store.browse().search(new SearchRequest(all, "annotation.quality", true, 0, 10), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(4L, 5L, 6L, 3L, 1L, 2L);
    }

    @Test
    void theSummarysOnePassCountsEqualFilteringByEachIssueKind() {
        List<IssueRule> rules = List.of(RULES.get(0),
                new IssueRule("narrow", Scope.IMAGE, "at most 30", List.of(new Condition("image.test_width", Condition.Op.LE, 30))),
                new IssueRule("band", Scope.IMAGE, "in (20, 50)", List.of(new Condition("image.test_width", Condition.Op.GT, 20),
                        new Condition("image.test_width", Condition.Op.LT, 50))),
                new IssueRule("none", Scope.IMAGE, "above 1000", List.of(new Condition("image.test_width", Condition.Op.GE, 1000))),
                new IssueRule("not_computed", Scope.IMAGE, "a metric never computed", List.of(new Condition("image.nope",
                        Condition.Op.GT, 0))));
        List<IssueKindInfo> kinds = store.browse().issueKinds(Scope.IMAGE, rules);
        assertThat(kinds).extracting(IssueKindInfo::kind).containsExactly("wide", "narrow", "band", "none");
        for (IssueKindInfo k : kinds) {
            long filtered = store.browse().count(new ItemFilter(Scope.IMAGE, List.of(), List.of(), List.of(), List.of(k.kind()), List.of()), rules);
            assertThat(k.count()).as(k.kind()).isEqualTo(filtered);
        }
        assertThat(kinds).extracting(IssueKindInfo::count).doesNotContain(-1L).contains(0L);
        assertThat(store.browse().issueKinds(Scope.ANNOTATION, rules)).isEmpty();
    }

    @Test
    void anIdSelectionNarrowsEveryOtherCondition() {
        ItemFilter ticked = ItemFilter.all(Scope.IMAGE).withIds(List.of(2L, 5L, 6L, 99L));
        assertThat(store.browse().count(ticked, RULES)).isEqualTo(3);
        ItemFilter tickedOfClassB = new ItemFilter(Scope.IMAGE, List.of(), List.of("b"), List.of(), List.of(), List.of())
                .withIds(List.of(2L, 5L, 6L));
        assertThat(store.browse().search(new SearchRequest(tickedOfClassB, null, false, 0, 10), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(2L, 5L);
        ItemFilter annotations = ItemFilter.all(Scope.ANNOTATION).withIds(List.of(3L, 6L));
        assertThat(store.browse().search(new SearchRequest(annotations, null, false, 0, 10), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(3L, 6L);
        StringWriter csv = new StringWriter();
        store.exports().csv(ticked, RULES, csv);
        assertThat(csv.toString().lines()).hasSize(4);
    }

    @Test
    void sortByIdsKeepsTheGivenOrder() {
        ItemFilter ranked = ItemFilter.all(Scope.IMAGE).withIds(List.of(5L, 2L, 6L, 1L));
        assertThat(store.browse().search(new SearchRequest(ranked, "ids", false, 0, 10), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(5L, 2L, 6L, 1L);
        assertThat(store.browse().search(new SearchRequest(ranked, "ids", false, 1, 2), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(2L, 6L);
        assertThatThrownBy(() -> store.browse().search(new SearchRequest(ItemFilter.all(Scope.IMAGE), "ids", false, 0, 10), RULES))
                .isInstanceOf(LoupeException.class).hasMessage("sorting by the filter's id list needs ids, and the filter has none");
    }

    @Test
    void annotationFiltersTakeRangesOfTheirImagesMetrics() {
        // images 5 and 6 are wider than 45; image 5 holds annotations 5 and 6, image 6 none
        ItemFilter onWideImages = new ItemFilter(Scope.ANNOTATION, List.of(new ItemFilter.MetricRange("image.test_width", 45.0, null)),
                List.of(), List.of(), List.of(), List.of());
        assertThat(store.browse().search(new SearchRequest(onWideImages, null, false, 0, 10), RULES).items())
                .extracting(SearchPage.Hit::id).containsExactly(5L, 6L);
    }

    @Test
    void aPathSearchMatchesPartsOfThePathIgnoringCaseAndWildcards() {
        assertThat(store.browse().count(ItemFilter.all(Scope.IMAGE).withPath("IMG5"), RULES)).isEqualTo(1);
        assertThat(store.browse().count(ItemFilter.all(Scope.IMAGE).withPath(".jpg"), RULES)).isEqualTo(6);
        // LIKE's wildcards in the text match themselves, not any character
        assertThat(store.browse().count(ItemFilter.all(Scope.IMAGE).withPath("img_"), RULES)).isZero();
        assertThat(store.browse().count(ItemFilter.all(Scope.IMAGE).withPath("%"), RULES)).isZero();
        assertThat(store.browse().count(ItemFilter.all(Scope.ANNOTATION).withPath("img5"), RULES)).isEqualTo(2);
    }

    @Test
    void tagsAddRemoveAndMatch() {
        assertThat(store.tags().add("keep", Scope.IMAGE, List.of(1L, 2L, 99L))).isEqualTo(2);
        assertThat(store.tags().remove("keep", Scope.IMAGE, List.of(2L))).isEqualTo(1);
        assertThat(ids(new ItemFilter(Scope.IMAGE, List.of(), List.of(), List.of("keep"), List.of(), List.of()))).containsExactly(1L);
        ItemFilter classA = new ItemFilter(Scope.ANNOTATION, List.of(), List.of("a"), List.of(), List.of(), List.of());
        assertThat(store.tags().addMatching("class a", classA, RULES)).isEqualTo(4);
        assertThat(store.tags().addMatching("class a", classA, RULES)).isZero();
        assertThat(store.tags().list()).containsExactly(new TagCount("class a", 0, 4), new TagCount("keep", 1, 0));
        assertThat(store.browse().imageDetail(2, RULES).annotations()).extracting(a -> a.tags()).containsExactly(List.of("class a"), List.of());
        assertThatThrownBy(() -> store.tags().add("a/b", Scope.IMAGE, List.of(1L))).isInstanceOf(LoupeException.class);
    }

    @Test
    void detailHasMetricsRuleIssuesAndNeighbours() {
        ItemDetail d = store.browse().imageDetail(5, RULES);
        assertThat(d.metrics()).containsEntry("image.test_width", 50.0);
        assertThat(d.issues()).extracting(ItemDetail.ItemIssue::kind).containsExactly("wide");
        assertThat(d.annotations()).extracting(ItemDetail.AnnotationDetail::category).containsExactly("a", "b");
        assertThat(d.previous()).isEqualTo(4);
        assertThat(d.next()).isEqualTo(6);
        assertThat(store.browse().imageDetail(42, RULES)).isNull();
        assertThat(store.browse().imageOfAnnotation(6)).isEqualTo(5);
    }

    @Test
    void theCsvExportDefusesTextThatASpreadsheetWouldRunAsAFormula() {
        Path project = tmp.resolve("formula");
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.category(new Category(1, "=HYPERLINK(\"http://x\",\"y\")", null, null));
            sink.category(new Category(2, "-1+2", null, null));
            sink.image(new ImageRecord(1, "@img.jpg", 10, 5, "jpeg", "+split", 100, null));
            sink.annotation(Annotation.of(1, 1, 1, new Geometry.BoxShape(new Box(0, 0, 1, 2)), null));
            sink.annotation(Annotation.of(2, 1, 2, new Geometry.BoxShape(new Box(1, 0, 1, 2)), null));
        });
        try (ProjectStore p = ProjectStore.open(project)) {
            StringWriter csv = new StringWriter();
            assertThat(p.exports().csv(ItemFilter.all(Scope.ANNOTATION), RULES, csv)).isEqualTo(2);
            String[] lines = csv.toString().split("\r\n");
            assertThat(lines[0]).isEqualTo("annotation_id,image_id,path,split,class,kind,x,y,w,h");
            assertThat(lines[1]).isEqualTo("1,1,'@img.jpg,'+split,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",box,0.0,0.0,1.0,2.0");
            assertThat(lines[2]).isEqualTo("2,1,'@img.jpg,'+split,'-1+2,box,1.0,0.0,1.0,2.0");
        }
    }

    @Test
    void exportsTheSelection() {
        StringWriter csv = new StringWriter();
        long rows = store.exports().csv(new ItemFilter(Scope.ANNOTATION, List.of(), List.of("b"), List.of(), List.of(), List.of()), RULES, csv);
        assertThat(rows).isEqualTo(2);
        assertThat(csv.toString().split("\r\n")).hasSize(3);
        List<Long> images = new ArrayList<>();
        List<Long> annotations = new ArrayList<>();
        store.exports().forEachSelected(images(List.of(), List.of("b"), List.of(), List.of()), RULES, i -> images.add(i.id()),
                a -> annotations.add(a.id()));
        assertThat(images).containsExactly(2L, 5L);
        assertThat(annotations).containsExactly(2L, 3L, 5L, 6L); // every box of those images
    }

    @Test
    void namesFromRequestsAreCheckedNeverSpliced() {
        for (String bad : List.of("image.nope", "image.test_width\" OR 1=1 --", "annotation.test_w")) {
            assertThatThrownBy(() -> store.browse().search(new SearchRequest(ItemFilter.all(Scope.IMAGE), bad, false, 0, 5), RULES))
                    .isInstanceOf(LoupeException.class).hasMessageContaining("unknown image metric");
        }
        // The store names what the project has, never an HTTP endpoint (the web app and the CLI both show it).
        assertThatThrownBy(() -> store.browse().search(new SearchRequest(ItemFilter.all(Scope.IMAGE), "image.nope", false, 0, 5), RULES))
                .hasMessage("unknown image metric 'image.nope'; known: " + String.join(", ", store.browse().catalogue().stream()
                        .filter(m -> m.scope().equals("image") && m.numeric()).map(m -> m.id()).sorted().toList()))
                .hasMessageNotContaining("/api");
        assertThatThrownBy(() -> ids(images(List.of(), List.of("c"), List.of(), List.of()))).hasMessageContaining("unknown class 'c'");
        assertThatThrownBy(() -> ids(images(List.of(), List.of(), List.of("dark"), List.of()))).hasMessageContaining("unknown image issue kind");
        // A split with SQL in it is checked against the project's splits (and would only ever be a bound value).
        assertThatThrownBy(() -> store.browse().count(images(List.of(), List.of("a"), List.of(), List.of("x' OR '1'='1")), RULES))
                .isInstanceOf(LoupeException.class).hasMessageContaining("unknown split 'x' OR '1'='1'");
        assertThat(store.browse().count(images(List.of(), List.of("a"), List.of(), List.of("train")), RULES)).isPositive();
    }

    private List<Long> ids(ItemFilter f) {
        return store.browse().search(new SearchRequest(f, null, false, 0, 100), RULES).items().stream().map(SearchPage.Hit::id).toList();
    }
}
