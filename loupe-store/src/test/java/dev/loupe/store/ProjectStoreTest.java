package dev.loupe.store;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.store.labels.ProjectSummary;
import dev.loupe.store.sql.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ProjectStoreTest {
    @TempDir
    Path tmp;

    public static final ImportSource SOURCE = new ImportSource("coco", Path.of("/data/images"), "/data/x.json", Map.of("k", "v"));

    /** Two images, two categories, four annotations of every shape, one issue. */
    public static final Consumer<DatasetSink> SMALL = sink -> {
        sink.category(new Category(1, "cat", "animal", "17"));
        sink.category(new Category(2, "dog", null, "18"));
        sink.image(new ImageRecord(1, "a/1.jpg", 640, 480, "jpeg", "train", 1234, "100"));
        sink.image(new ImageRecord(2, "b.png", null, null, null, null, -1, "101"));
        sink.annotation(new Annotation(1, 1, 1, new Geometry.BoxShape(new Box(0.5, 1.25, 10, 20.125)), false, null,
                null, null, "a1", true));
        Polygon polygon = new Polygon(List.of(new Ring(new double[] {0, 0, 10, 0, 10, 10, 0.1 + 0.2, 10}, false),
                new Ring(new double[] {2, 2, 4, 2, 4, 4}, true)));
        sink.annotation(new Annotation(2, 1, 2, new Geometry.PolygonShape(polygon.bounds(), polygon), false, 99.5,
                "ann", 0.75, "a2"));
        Rle rle = new Rle(4, 3, new int[] {1, 2, 3, 6});
        sink.annotation(new Annotation(3, 2, null, new Geometry.MaskShape(new Box(0, 1, 2, 2), rle), true, 5.0, null, null, "a3"));
        sink.annotation(Annotation.of(4, 2, 1, new Geometry.ImageLabel(), null));
        sink.issue(new Issue(IssueKind.MISSING_IMAGE_FILE, "image", 2L, "x.json", "/images/1", "b.png not found"));
    };

    @Test
    void theDuckdbMemoryPropertyLimitsTheDatabasesNativeMemory() throws Exception {
        String before = System.getProperty(ProjectStore.MEMORY_LIMIT_PROPERTY);
        System.setProperty(ProjectStore.MEMORY_LIMIT_PROPERTY, " 300MB ");
        try (org.duckdb.DuckDBConnection c = ProjectStore.connect(tmp.resolve("limited.duckdb"));
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
            rs.next();
            // DuckDB prints 300 MB in binary units
            assertThat(rs.getString(1)).isEqualTo("286.1 MiB");
        } finally {
            if (before == null) {
                System.clearProperty(ProjectStore.MEMORY_LIMIT_PROPERTY);
            } else {
                System.setProperty(ProjectStore.MEMORY_LIMIT_PROPERTY, before);
            }
        }
        try (org.duckdb.DuckDBConnection c = ProjectStore.connect(tmp.resolve("default.duckdb"));
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
            rs.next();
            assertThat(rs.getString(1)).as("without the property: DuckDB's own default").isNotEqualTo("286.1 MiB");
        }
    }

    @Test
    void storesEveryShapeLosslesslyAndReadsItBack() {
        Path project = tmp.resolve("p");
        ImportResult result = ProjectStore.create(project, SOURCE, SMALL);
        assertThat(result.images()).isEqualTo(2);
        assertThat(result.annotations()).isEqualTo(4);
        assertThat(result.issues()).isEqualTo(Map.of("missing_image_file", 1L));
        List<Annotation> expected = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        List<ImageRecord> images = new ArrayList<>();
        SMALL.accept(new DatasetSink() {
            public void category(Category c) { categories.add(c); }
            public void image(ImageRecord i) { images.add(i); }
            public void annotation(Annotation a) { expected.add(a); }
            public void issue(Issue i) { }
        });
        try (ProjectStore store = ProjectStore.open(project)) {
            List<Annotation> read = new ArrayList<>();
            store.labels().forEachAnnotation(read::add);
            assertThat(read).isEqualTo(expected);
            assertThat(store.labels().categories()).isEqualTo(categories);
            assertThat(store.labels().images()).isEqualTo(images);
            assertThat(store.labels().meta("format")).isEqualTo("coco");
        }
    }

    /**
     * A project written before V005 (no difficult column, analyzed with the retired
     * image.md5_pixels) opens, migrates, reads as not difficult and no longer holds the MD5 column.
     */
    @Test
    void projectOfAnEarlierSchemaGainsTheDifficultColumn() throws Exception {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, SOURCE, SMALL);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE).toAbsolutePath());
             java.sql.Statement st = c.createStatement()) {
            st.execute("ALTER TABLE annotations DROP COLUMN difficult");
            st.execute("DELETE FROM schema_version WHERE version >= 5");
            st.execute("ALTER TABLE image_metrics ADD COLUMN \"image.md5_pixels\" VARCHAR");
            st.execute("INSERT INTO image_metrics VALUES (1, '693e9af84d3dfcc71e640e005bdc5e2e')");
            st.execute("INSERT INTO metric_columns (scope, metric_id, column_name, version, run_id) "
                    + "VALUES ('image', 'image.md5_pixels', 'image.md5_pixels', '1', 1)");
        }
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.labels().summary().schemaVersion()).isEqualTo(Migrations.latest());
            List<Annotation> read = new ArrayList<>();
            store.labels().forEachAnnotation(read::add);
            assertThat(read).hasSize(4).noneMatch(Annotation::difficult);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE).toAbsolutePath());
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM metric_columns), "
                     + "(SELECT count(*) FROM information_schema.columns WHERE table_name = 'image_metrics')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isEqualTo(1);
        }
    }

    @Test
    void summaryCountsClassesSplitsAndIssuesWithExamples() {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, SOURCE, SMALL);
        try (ProjectStore store = ProjectStore.open(project)) {
            ProjectSummary s = store.labels().summary();
            assertThat(s.images()).isEqualTo(2);
            assertThat(s.annotations()).isEqualTo(4);
            assertThat(s.annotationsByKind()).isEqualTo(Map.of("box", 1L, "polygon", 1L, "mask", 1L, "label", 1L));
            assertThat(s.annotationsWithoutClass()).isEqualTo(1);
            assertThat(s.crowdAnnotations()).isEqualTo(1);
            assertThat(s.difficultAnnotations()).isEqualTo(1);
            assertThat(s.categories()).containsExactly(new ProjectSummary.CategoryCount(1, "cat", "animal", 2, 2),
                    new ProjectSummary.CategoryCount(2, "dog", null, 1, 1));
            assertThat(s.splits()).isEqualTo(Map.of("train", 1L, "none", 1L));
            assertThat(s.schemaVersion()).isEqualTo(Migrations.latest());
            assertThat(s.issues().total()).isEqualTo(1);
            ProjectSummary.IssueKindCount k = s.issues().byKind().get(0);
            assertThat(k.kind()).isEqualTo("missing_image_file");
            assertThat(k.severity()).isEqualTo("error");
            assertThat(k.examples()).singleElement().isEqualTo(
                    new ProjectSummary.IssueExample("image", 2L, "x.json", "/images/1", "b.png not found"));
        }
    }

    @Test
    void aFailedImportLeavesNoProjectBehind() throws IOException {
        Path project = tmp.resolve("p");
        assertThatThrownBy(() -> ProjectStore.create(project, SOURCE, sink -> {
            SMALL.accept(sink);
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, "stop half-way");
        })).hasMessage("stop half-way");
        assertThat(project).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void refusesToOverwriteAndToOpenWhatIsNotAProject() throws IOException {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, SOURCE, SMALL);
        assertThatThrownBy(() -> ProjectStore.create(project, SOURCE, SMALL))
                .isInstanceOfSatisfying(LoupeException.class, e -> assertThat(e.reason()).isEqualTo(LoupeException.Reason.PROJECT_EXISTS));
        Path notProject = Files.createDirectories(tmp.resolve("q"));
        assertThatThrownBy(() -> ProjectStore.open(notProject))
                .isInstanceOfSatisfying(LoupeException.class, e -> assertThat(e.reason()).isEqualTo(LoupeException.Reason.PROJECT_NOT_FOUND));
    }

    @Test
    void importerBugsAreCaughtBeforeTheyCorruptTheStore() {
        Path project = tmp.resolve("p");
        assertThatThrownBy(() -> ProjectStore.create(project, SOURCE, sink -> {
            sink.image(new ImageRecord(1, "a.jpg", 1, 1, "jpeg", null, 1, null));
            sink.annotation(Annotation.of(1, 5, null, new Geometry.ImageLabel(), null));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("image 5");
        assertThat(project).doesNotExist();
    }

    @Test
    void repeatedAnnotationSourceIdsAreKeptAndReported() {
        Path project = tmp.resolve("p");
        ImportResult result = ProjectStore.create(project, SOURCE, sink -> {
            sink.image(new ImageRecord(1, "a.jpg", 10, 10, "jpeg", null, 1, null));
            for (int i = 1; i <= 4; i++) {
                sink.annotation(Annotation.of(i, 1, null, new Geometry.BoxShape(new Box(0, 0, 1, 1)), i == 4 ? "9" : "7"));
            }
        });
        assertThat(result.annotations()).isEqualTo(4);
        assertThat(result.issues()).isEqualTo(Map.of("duplicate_id", 2L));
        try (ProjectStore store = ProjectStore.open(project)) {
            ProjectSummary.IssueKindCount k = store.labels().summary().issues().byKind().get(0);
            assertThat(k.examples()).extracting(ProjectSummary.IssueExample::itemId).containsExactly(2L, 3L);
            assertThat(k.examples().get(0).message()).isEqualTo("annotation id 7 repeats the id of annotation 1 (Loupe id); both are kept");
        }
    }

    @Test
    void recordsTheImportRunWithProvenance() throws Exception {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, SOURCE, SMALL);
        try (var c = ProjectStore.connect(project.resolve(ProjectStore.DATABASE_FILE));
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT kind, status, parameters, tool_version, finished_at >= started_at FROM runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("import");
            assertThat(rs.getString(2)).isEqualTo("succeeded");
            assertThat(rs.getString(3)).contains("\"format\":\"coco\"", "\"k\":\"v\"", "\"labels\":\"/data/x.json\"");
            assertThat(rs.getString(4)).isNotBlank();
            assertThat(rs.getBoolean(5)).isTrue();
            assertThat(rs.next()).isFalse();
        }
    }

    /** A foreign DuckDB file named loupe.duckdb used to be migrated silently (Loupe's tables added to it). */
    @Test
    void aForeignDuckDbFileIsRefusedAndLeftUnchanged(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path db = dir.resolve(ProjectStore.DATABASE_FILE);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sales (id INTEGER, amount DOUBLE)");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectStore.open(dir))
                .isInstanceOfSatisfying(dev.loupe.core.LoupeException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.reason()).isEqualTo(dev.loupe.core.LoupeException.Reason.PROJECT_NOT_FOUND))
                .hasMessage(db + " is not a Loupe project database (it holds 1 other tables: sales); it was left "
                        + "unchanged. Create a project with 'loupe init' in a new folder");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT string_agg(table_name, ',') FROM duckdb_tables()")) {
            rs.next();
            org.assertj.core.api.Assertions.assertThat(rs.getString(1)).isEqualTo("sales");
        }
    }
}
