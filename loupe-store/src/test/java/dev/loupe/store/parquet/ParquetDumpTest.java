package dev.loupe.store.parquet;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.ProjectStoreTest;
import dev.loupe.store.sql.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dump and attach through folder names that are SQL and glob syntax (a quote, brackets, a star),
 * a slice of a dump by image range, and the refusals that name what is wrong.
 */
class ParquetDumpTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsThroughAFolderNamedWithQuotesAndGlobCharacters() {
        ProjectStore.create(tmp.resolve("p"), ProjectStoreTest.SOURCE, ProjectStoreTest.SMALL);
        Path dump = tmp.resolve("it's [a] *dump*");
        try (ProjectStore store = ProjectStore.open(tmp.resolve("p"))) {
            ParquetDump d = store.exports().dump(dump);
            assertThat(d.rows("images")).isEqualTo(2);
            assertThat(d.rows("annotations")).isEqualTo(4);
            assertThat(d.rows("issues")).isEqualTo(1);
            assertThat(Files.isRegularFile(dump.resolve("images/part-0.parquet"))).isTrue();
        }
        ParquetDump back = ProjectStore.attach(tmp.resolve("q'"), dump, Path.of("/elsewhere/images"));
        assertThat(back.rows("annotations")).isEqualTo(4);
        try (ProjectStore q = ProjectStore.open(tmp.resolve("q'"))) {
            assertThat(q.labels().images()).extracting(ImageRecord::path).containsExactly("a/1.jpg", "b.png");
            List<Annotation> annotations = new ArrayList<>();
            q.labels().forEachAnnotation(annotations::add);
            try (ProjectStore p = ProjectStore.open(tmp.resolve("p"))) {
                List<Annotation> original = new ArrayList<>();
                p.labels().forEachAnnotation(original::add);
                assertThat(annotations).isEqualTo(original);
            }
            assertThat(q.labels().imagesRoot()).isEqualTo(Path.of("/elsewhere/images"));
            assertThat(q.labels().meta("format")).isEqualTo("coco");
        }
    }

    @Test
    void aSliceHoldsOnlyItsImagesAndTheirAnnotations() {
        ProjectStore.create(tmp.resolve("p"), ProjectStoreTest.SOURCE, ProjectStoreTest.SMALL);
        Path dump = tmp.resolve("d");
        try (ProjectStore store = ProjectStore.open(tmp.resolve("p"))) {
            assertThat(store.exports().imageRanges(2)).containsExactly(new ImageRange(1, 1), new ImageRange(2, 2));
            assertThat(store.exports().imageRanges(5)).hasSize(2);
            store.exports().dumpTables(dump, "x.parquet", List.of("schema_version", "images", "annotations", "categories"));
        }
        try (ProjectStore slice = ProjectStore.attachSlice(tmp.resolve("s"), dump, List.of("images", "annotations", "categories"),
                new ImageRange(2, 2))) {
            assertThat(slice.labels().images()).extracting(ImageRecord::id).containsExactly(2L);
            List<Annotation> annotations = new ArrayList<>();
            slice.labels().forEachAnnotation(annotations::add);
            assertThat(annotations).extracting(Annotation::id).containsExactly(3L, 4L);
        }
    }

    @Test
    void aDumpCutByImageRangeHoldsOnlyItsRowsAndASliceReadsItsImagesFromAFolderOfItsOwn() {
        ProjectStore.create(tmp.resolve("p"), ProjectStoreTest.SOURCE, ProjectStoreTest.SMALL);
        Path dump = tmp.resolve("d");
        try (ProjectStore store = ProjectStore.open(tmp.resolve("p"))) {
            store.exports().dumpTables(dump, "all.parquet", List.of("schema_version", "categories", "project_meta"));
            ParquetDump second = store.exports().dumpTables(dump, "second.parquet", List.of("images", "annotations"), new ImageRange(2, 2));
            assertThat(second.rows("images")).isEqualTo(1);
            assertThat(second.rows("annotations")).isEqualTo(2);
            assertThat(Files.exists(dump.resolve("images/all.parquet"))).isFalse();
        }
        Path copies = tmp.resolve("copies");
        try (ProjectStore slice = ProjectStore.attachSlice(tmp.resolve("s"), dump, List.of("project_meta", "images", "annotations",
                "categories"), new ImageRange(1, 2), copies)) {
            assertThat(slice.labels().images()).extracting(ImageRecord::id).containsExactly(2L);
            assertThat(slice.labels().imagesRoot()).isEqualTo(copies.toAbsolutePath().normalize());
            assertThat(slice.labels().meta("format")).isEqualTo("coco");
        }
    }

    @Test
    void provenanceNamesTheLocationALocalCopyStandsFor() {
        ProjectStore.create(tmp.resolve("p"), ProjectStoreTest.SOURCE, ProjectStoreTest.SMALL);
        try (ProjectStore store = ProjectStore.open(tmp.resolve("p"))) {
            Path root = store.labels().imagesRoot();
            store.exports().replaceInProvenance(root, "hdfs://nn:8020/data/images");
            assertThat(store.labels().meta("images_root")).isEqualTo("hdfs://nn:8020/data/images");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("p").resolve(ProjectStore.DATABASE_FILE));
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FILTER (parameters LIKE '%\"/data/images\"%'), "
                     + "count(*) FILTER (parameters LIKE '%hdfs://nn:8020/data/images%') FROM runs WHERE kind = 'import'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesANewerDumpAnUnknownTableAndAFullFolder() throws Exception {
        ProjectStore.create(tmp.resolve("p"), ProjectStoreTest.SOURCE, ProjectStoreTest.SMALL);
        Path dump = tmp.resolve("d");
        try (ProjectStore store = ProjectStore.open(tmp.resolve("p"))) {
            store.exports().dump(dump);
            assertThatThrownBy(() -> store.exports().dump(dump)).isInstanceOf(LoupeException.class).hasMessageContaining("is not empty");
        }
        Files.createDirectories(dump.resolve("mystery"));
        assertThatThrownBy(() -> ProjectStore.attach(tmp.resolve("q"), dump, null)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("has no table 'mystery'");
        assertThat(Files.exists(tmp.resolve("q"))).isFalse();
        Files.delete(dump.resolve("mystery"));
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            s.execute("COPY (SELECT 99 AS version, 'V099__future.sql' AS name) TO '"
                    + dump.resolve("schema_version/zz.parquet") + "' (FORMAT parquet)");
        }
        assertThatThrownBy(() -> ProjectStore.attach(tmp.resolve("q"), dump, null)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("has schema version 99 but this Loupe knows only up to " + Migrations.latest());
    }
}
