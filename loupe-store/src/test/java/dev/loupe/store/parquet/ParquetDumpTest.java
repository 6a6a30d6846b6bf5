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
