package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'loupe dump' then 'loupe attach' gives back every table of the project, row for row and column
 * for column, on every shared dataset (labels, metric values, failures, runs, predictions and their
 * outcomes, embeddings); only the attach run is added.
 */
class DumpAttachTest {
    static final Path DATA = CliRun.shared().resolve("data");
    /** A pixel metric, a hash, header and geometry metrics, and dataset metrics over them: quick, and every value type. */
    static final String METRICS = "image.brightness,image.pixel_hash,image.width,image.duplicate_group_size,"
            + "annotation.area,annotation.max_iou,annotation.class_frequency";

    @TempDir
    Path tmp;

    @Test
    void bccdRoundTrips() throws Exception {
        Path p = init("bccd", "--images", DATA.resolve("bccd/BCCD/JPEGImages").toString(), "--voc", DATA.resolve("bccd/BCCD").toString());
        // no pixel metric on the largest set: the round trip, not the metrics, is under test
        run("analyze", p.toString(), "--threads", "2", "--metrics", "image.width,annotation.area,annotation.class_frequency");
        assertRoundTrip(p, List.of("images", "annotations", "image_metrics", "annotation_metrics", "issues", "metric_columns"));
    }

    @Test
    void voc100WithPredictionsRoundTrips() throws Exception {
        Path p = init("voc100", "--images", DATA.resolve("voc100/images").toString(),
                "--coco", DATA.resolve("voc100/gts/coco_format_v1/instances_default.json").toString());
        run("analyze", p.toString(), "--threads", "2", "--metrics", METRICS);
        run("predictions", "import", p.toString(), DATA.resolve("voc100/coco_dets_from_abs_xywh.json").toString(), "--name", "dets");
        assertRoundTrip(p, List.of("predictions", "prediction_sets", "prediction_matches", "prediction_metrics", "annotation_overlaps"));
        CliRun eval = CliRun.of("eval", tmp.resolve("voc100-attached").toString(), "--predictions", "dets");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).isEqualTo(CliRun.of("eval", p.toString(), "--predictions", "dets").out());
    }

    @Test
    void encordExamplesRoundTrip() throws Exception {
        Path ea = DATA.resolve("encord-examples");
        Path folders = init("folders", "--images", ea.resolve("classification").toString(), "--folders");
        run("analyze", folders.toString(), "--threads", "2", "--metrics", METRICS);
        run("embed", folders.toString(), "--model", "fallback", "--threads", "2");
        assertRoundTrip(folders, List.of("image_embeddings", "embedding_models", "embedding_map", "image_metrics"));
        Path masks = init("masks", "--images", ea.resolve("video_frames_boxes_masks/JPEGImages").toString(),
                "--masks", ea.resolve("video_frames_boxes_masks/Annotations").toString());
        run("analyze", masks.toString(), "--threads", "2", "--metrics", METRICS);
        assertRoundTrip(masks, List.of("annotations", "annotation_metrics"));
    }

    @Test
    void attachRefusesAFolderThatIsNoDumpAndDumpRefusesAFullFolder() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun attach = CliRun.of("attach", tmp.resolve("x").toString(), empty.toString());
        assertThat(attach.exitCode()).isEqualTo(3);
        assertThat(attach.err()).contains("is not a Loupe Parquet dump").doesNotContain("Exception");
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();

        Path p = init("folders", "--images", DATA.resolve("encord-examples/classification").toString(), "--folders");
        Files.writeString(empty.resolve("note.txt"), "x");
        CliRun dump = CliRun.of("dump", p.toString(), "-o", empty.toString());
        assertThat(dump.exitCode()).isEqualTo(3);
        assertThat(dump.err()).contains("is not empty");

        Path d = tmp.resolve("d");
        run("dump", p.toString(), "-o", d.toString());
        Files.createDirectories(d.resolve("no_such_table"));
        CliRun unknown = CliRun.of("attach", tmp.resolve("y").toString(), d.toString());
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("no_such_table").contains("has no table");
    }

    private Path init(String name, String... args) {
        Path p = tmp.resolve(name);
        List<String> all = new ArrayList<>(List.of("init", p.toString()));
        all.addAll(List.of(args));
        run(all.toArray(String[]::new));
        return p;
    }

    private static void run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
    }

    /** Dumps, attaches, and compares every table of both databases (the attach run aside). */
    private void assertRoundTrip(Path project, List<String> nonEmpty) throws SQLException {
        Path dump = tmp.resolve(project.getFileName() + "-parquet");
        Path attached = tmp.resolve(project.getFileName() + "-attached");
        run("dump", project.toString(), "-o", dump.toString());
        run("attach", attached.toString(), dump.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("ATTACH '" + project.resolve(ProjectStore.DATABASE_FILE) + "' AS a (READ_ONLY)");
            s.execute("ATTACH '" + attached.resolve(ProjectStore.DATABASE_FILE) + "' AS b (READ_ONLY)");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() WHERE database_name = 'a' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).containsAll(nonEmpty).hasSizeGreaterThan(20);
            for (String t : tables) {
                // schema_version's applied_at is when each database was migrated: its versions must agree
                String a = t.equals("schema_version") ? "(SELECT version, name FROM a.schema_version)" : "a." + t;
                String b = t.equals("runs") ? "(SELECT * FROM b.runs WHERE kind <> 'attach')"
                        : t.equals("schema_version") ? "(SELECT version, name FROM b.schema_version)" : "b." + t;
                long rows = count(s, "SELECT count(*) FROM " + a);
                assertThat(count(s, "SELECT count(*) FROM " + b)).as(t).isEqualTo(rows);
                assertThat(count(s, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")")).as(t).isZero();
                if (nonEmpty.contains(t)) {
                    assertThat(rows).as(t).isPositive();
                }
            }
            assertThat(count(s, "SELECT count(*) FROM b.runs WHERE kind = 'attach' AND status = 'succeeded'")).isEqualTo(1);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
