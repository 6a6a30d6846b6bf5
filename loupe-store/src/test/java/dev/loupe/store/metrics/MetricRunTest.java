package dev.loupe.store.metrics;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.metrics.rules.Condition;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.browse.MetricSample;
import dev.loupe.store.filter.ItemFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store side of metric runs: values, resume, new metrics only, versions, failures, dataset metrics, queries. */
public class MetricRunTest {
    @TempDir
    Path tmp;
    Path project;

    /** 20 images (id i has width 10*i), each with i % 3 boxes of class 1 or 2; image 7 is missing its size. */
    @BeforeEach
    void createProject() {
        project = tmp.resolve("p");
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.category(new Category(1, "a", null, null));
            sink.category(new Category(2, "b", null, null));
            long annotation = 1;
            for (int i = 1; i <= 20; i++) {
                Integer w = i == 7 ? null : 10 * i;
                sink.image(new ImageRecord(i, "img" + i + ".jpg", w, w == null ? null : 5, "jpeg", null, 100 + i, null));
                for (int k = 0; k < i % 3; k++) {
                    sink.annotation(Annotation.of(annotation++, i, 1 + k % 2, new Geometry.BoxShape(new Box(k, 0, 1 + k, 2)), null));
                }
            }
        });
    }

    /** image.test_width = width; counts calls so that tests can see what was recomputed. */
    /** An identifier: image i's group is i % 4 (a size that means nothing). */
    public static final class Group implements ImageMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image("image.test_group", "g", "group id", ValueKind.IDENTIFIER, Direction.NONE)
                    .withoutOutliers();
        }

        @Override
        public double compute(ImageContext image) {
            return Integer.parseInt(image.path().replaceAll("\\D", "")) % 4;
        }

        @Override
        public boolean needsPixels() {
            return false;
        }
    }

    public static final class Width implements ImageMetric {
        static final AtomicInteger CALLS = new AtomicInteger();
        String version = "1";

        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image("image.test_width", "w", "width", ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE)
                    .withVersion(version);
        }

        @Override
        public double compute(ImageContext image) {
            CALLS.incrementAndGet();
            if (image.path().equals("img13.jpg")) {
                throw new IllegalStateException("boom on 13");
            }
            return image.width();
        }

        @Override
        public boolean needsPixels() {
            return false;
        }
    }

    /** image.test_size_hash: "w x h" as a hash-like string. */
    static final class SizeHash implements ImageHashMetric {
        @Override
        public MetricDescriptor descriptor() {
            return new MetricDescriptor("image.test_size_hash", "s", "size", Scope.IMAGE, ValueKind.HASH,
                    MetricDescriptor.ALL_SHAPES, Direction.NONE, "1", false);
        }

        @Override
        public String compute(ImageContext image) {
            return image.width() + "x" + image.height();
        }

        @Override
        public boolean needsPixels() {
            return false;
        }
    }

    /** annotation.test_w = box width; NaN for class 2 (missing). */
    static final class BoxWidth implements AnnotationMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.annotation("annotation.test_w", "w", "box width", ValueKind.NON_NEGATIVE_REAL,
                    ShapeKind.SPATIAL, Direction.NONE);
        }

        @Override
        public double compute(AnnotationContext a) {
            return a.object().classId() == 2 ? Double.NaN : a.object().w();
        }
    }

    /** annotation.test_class_count: annotations of the same class. */
    static final class ClassCount implements DatasetMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.annotation("annotation.test_class_count", "n", "same-class count",
                    ValueKind.NON_NEGATIVE_INTEGER, ShapeKind.SPATIAL, Direction.NONE);
        }

        @Override
        public List<String> inputs() {
            return List.of("annotation.test_w");
        }

        @Override
        public Accumulator start() {
            Map<Long, Integer> classes = new HashMap<>();
            return new Accumulator() {
                @Override
                public void observe(DatasetItem item, Object[] inputs) {
                    classes.put(item.id(), item.classId());
                }

                @Override
                public void finish(ValueSink out) {
                    Map<Integer, Long> counts = new HashMap<>();
                    classes.values().forEach(c -> counts.merge(c, 1L, Long::sum));
                    classes.forEach((id, c) -> out.accept(id, counts.get(c)));
                }
            };
        }
    }

    /**
     * annotation.test_class_count_reread: the same counts as {@link ClassCount}, given on a second
     * read of the items; it checks that both reads see the same items in the same order.
     */
    static final class RereadClassCount implements DatasetMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.annotation("annotation.test_class_count_reread", "n", "same-class count, read twice",
                    ValueKind.NON_NEGATIVE_INTEGER, ShapeKind.SPATIAL, Direction.NONE);
        }

        @Override
        public List<String> inputs() {
            return List.of("annotation.test_w");
        }

        @Override
        public Accumulator start() {
            return new Rereading() {
                private final Map<Integer, Long> counts = new HashMap<>();
                private final List<Long> order = new java.util.ArrayList<>();
                private int revisited;

                @Override
                public void observe(DatasetItem item, Object[] inputs) {
                    counts.merge(item.classId(), 1L, Long::sum);
                    order.add(item.id());
                }

                @Override
                public void revisit(DatasetItem item, Object[] inputs, ValueSink out) {
                    if (order.get(revisited++) != item.id()) {
                        throw new IllegalStateException("item " + item.id() + " read again out of order");
                    }
                    out.accept(item.id(), counts.get(item.classId()));
                }

                @Override
                public void finish(ValueSink out) {
                    if (revisited != order.size()) {
                        throw new IllegalStateException(revisited + " of " + order.size() + " items read again");
                    }
                }
            };
        }
    }

    private RunReport run(Metric... metrics) {
        try (ProjectStore store = ProjectStore.open(project)) {
            return new MetricRunner(store.metrics().analysis(), 2, ProgressListener.NONE).run(List.of(metrics), Map.of());
        }
    }

    private Map<Long, Object> column(String table, String key, String metric) throws Exception {
        Map<Long, Object> out = new HashMap<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE).toRealPath()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + key + ", \"" + metric + "\" FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getObject(2));
            }
        }
        return out;
    }

    @Test
    void storesValuesRecordsFailuresAndSkipsImagesWithoutSize() throws Exception {
        Width.CALLS.set(0);
        RunReport r = run(new Width(), new SizeHash(), new BoxWidth());
        assertThat(r.analysed()).isEqualTo(20);
        Map<Long, Object> widths = column("image_metrics", "image_id", "image.test_width");
        assertThat(widths.get(3L)).isEqualTo(30.0);
        assertThat(widths.get(13L)).isNull();
        assertThat(widths).doesNotContainKey(7L);
        assertThat(column("image_metrics", "image_id", "image.test_size_hash").get(4L)).isEqualTo("40x5");
        Map<Long, Object> boxWidths = column("annotation_metrics", "annotation_id", "annotation.test_w");
        assertThat(boxWidths.values()).containsOnly(1.0, null);
        // img13 throws, img7 has no size: two failures, located.
        assertThat(r.failures()).isEqualTo(2);
        try (ProjectStore store = ProjectStore.open(project)) {
            AnalysisSummary s = store.metrics().summary();
            assertThat(s.failures()).isEqualTo(2);
            assertThat(s.failureExamples()).anyMatch(e -> e.contains("image.test_width on image 13: IllegalStateException: boom on 13"));
            assertThat(s.failureExamples()).anyMatch(e -> e.startsWith("size on image 7"));
            assertThat(s.lastRun().status()).isEqualTo("succeeded");
            assertThat(s.analysedImages()).isEqualTo(20);
        }
    }

    @Test
    void aSecondRunComputesNothingAndANewMetricOnlyItself() throws Exception {
        run(new Width());
        Width.CALLS.set(0);
        RunReport again = run(new Width());
        assertThat(again.analysed()).isZero();
        assertThat(Width.CALLS.get()).isZero();
        RunReport extended = run(new Width(), new SizeHash());
        assertThat(extended.analysed()).isEqualTo(20);
        assertThat(Width.CALLS.get()).isZero();
        assertThat(column("image_metrics", "image_id", "image.test_width").get(5L)).isEqualTo(50.0);
        assertThat(column("image_metrics", "image_id", "image.test_size_hash").get(5L)).isEqualTo("50x5");
    }

    @Test
    void aNewVersionRecomputesItsMetric() {
        run(new Width());
        Width.CALLS.set(0);
        Width v2 = new Width();
        v2.version = "2";
        RunReport r = run(v2);
        assertThat(r.analysed()).isEqualTo(20);
        assertThat(Width.CALLS.get()).isEqualTo(19); // image 7 has no size: no metric runs on it
    }

    @Test
    void datasetMetricsRunOverStoredValues() throws Exception {
        run(new BoxWidth(), new ClassCount());
        Map<Long, Object> counts = column("annotation_metrics", "annotation_id", "annotation.test_class_count");
        // Images 1..20 have i % 3 boxes: 14 images have a first box (class a), 7 a second (class b).
        assertThat(counts).hasSize(21);
        assertThat(counts.values().stream().filter(v -> v.equals(14.0)).count()).isEqualTo(14);
        assertThat(counts.values().stream().filter(v -> v.equals(7.0)).count()).isEqualTo(7);
        run(new BoxWidth(), new RereadClassCount());
        assertThat(column("annotation_metrics", "annotation_id", "annotation.test_class_count_reread")).isEqualTo(counts);
    }

    @Test
    void aDatasetMetricsValuesReplaceItsOldOnesAndGiveRowsToItemsWithoutOne() throws Exception {
        MetricDescriptor d = MetricDescriptor.image("image.test_dataset", "d", "written whole",
                ValueKind.REAL, Direction.NONE);
        run(new Width());
        try (ProjectStore store = ProjectStore.open(project)) {
            var runs = store.metrics().analysis();
            long first = runs.begin(List.of(d), Map.of());
            runs.writeAll(first, d, new long[] {1, 2, 3}, new double[] {1.5, 2.5, 3.5}, 3);
            runs.finish(first, "succeeded", "");
            long second = runs.begin(List.of(d), Map.of());
            // Image 7 has no row (no size: no per-item values); item 8's NaN is stored as missing.
            runs.writeAll(second, d, new long[] {2, 7, 8, 9}, new double[] {-2, 7, Double.NaN, 9, 99}, 4);
            runs.finish(second, "succeeded", "");
        }
        Map<Long, Object> values = column("image_metrics", "image_id", "image.test_dataset");
        assertThat(values.get(1L)).isNull();
        assertThat(values.get(3L)).isNull();
        assertThat(values.get(8L)).isNull();
        assertThat(values).containsEntry(2L, -2.0).containsEntry(7L, 7.0).containsEntry(9L, 9.0);
        assertThat(values.values().stream().filter(java.util.Objects::nonNull)).hasSize(3);
        assertThat(column("image_metrics", "image_id", "image.test_width")).containsEntry(2L, 20.0);
    }

    /** An identifier metric is stored and filterable, but has no statistics and no samples to compare. */
    @Test
    void identifiersAreFilterableButNotQuantities() {
        run(new Width(), new Group());
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.metrics().stats(Scope.IMAGE)).extracting(MetricStats::metricId).containsExactly("image.test_width");
            assertThat(store.browse().samples(ItemFilter.all(Scope.IMAGE), List.of())).extracting(MetricSample::metricId)
                    .containsExactly("image.test_width");
            assertThat(store.browse().catalogue()).filteredOn(m -> m.id().equals("image.test_group"))
                    .singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo("identifier"));
            ItemFilter group2 = new ItemFilter(Scope.IMAGE, List.of(new ItemFilter.MetricRange("image.test_group", 2.0, 2.0)),
                    List.of(), List.of(), List.of(), List.of(), null);
            assertThat(store.browse().count(group2, List.of())).isEqualTo(5);
        }
        assertThat(MetricDescriptor.image("image.x", "x", "x", ValueKind.IDENTIFIER, Direction.NONE).outliers()).isFalse();
        assertThatThrownBy(() -> new MetricDescriptor("image.x", "x", "x", Scope.IMAGE, ValueKind.IDENTIFIER,
                java.util.EnumSet.allOf(ShapeKind.class), Direction.NONE, "1", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsFindingsAndExport() throws Exception {
        run(new Width(), new BoxWidth());
        try (ProjectStore store = ProjectStore.open(project)) {
            MetricStats w = store.metrics().stats(Scope.IMAGE).get(0);
            // 18 widths: 10..200 without 70 and 130.
            List<Double> values = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                if (i != 7 && i != 13) {
                    values.add(10.0 * i);
                }
            }
            assertThat(w.count()).isEqualTo(18);
            assertThat(w.missing()).isEqualTo(2);
            assertThat(w.median()).isEqualTo((values.get(8) + values.get(9)) / 2);
            // numpy linear quartile: position 0.25 * 17 = 4.25 -> 50 + 0.25 * (60 - 50)
            assertThat(w.q1()).isEqualTo(52.5);
            assertThat(w.moderate()).isZero();
            List<RuleFinding> f = store.metrics().findings(List.of(
                    new IssueRule("wide", Scope.IMAGE, "wide", List.of(new Condition("image.test_width", Condition.Op.GE, 180))),
                    new IssueRule("nope", Scope.IMAGE, "nope", List.of(new Condition("image.absent", Condition.Op.GE, 1)))));
            assertThat(f.get(0).count()).isEqualTo(3);
            assertThat(f.get(0).examples()).containsExactly("img18.jpg", "img19.jpg", "img20.jpg");
            assertThat(f.get(1).missing()).containsExactly("image.absent");
            Path csv = tmp.resolve("o'dd.csv");
            assertThat(store.metrics().export(Scope.IMAGE, "csv", csv)).isEqualTo(20);
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("image_id,path,split,width,height,image.test_width");
            assertThat(lines.get(3)).as("an integer metric is written as an integer").isEqualTo("3,img3.jpg,,30,5,30");
            assertThat(store.metrics().export(Scope.ANNOTATION, "parquet", tmp.resolve("a.parquet"))).isPositive();
        }
    }
}
