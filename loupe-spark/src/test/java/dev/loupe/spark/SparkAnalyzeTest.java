package dev.loupe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.Loupe;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark job in local mode ('loupe spark analyze') on a BCCD subset (one image truncated) against 'loupe init' +
 * 'loupe analyze' on the same files: after 'loupe attach', every metric value, failure and
 * coverage row is the same, dataset metrics included.
 */
class SparkAnalyzeTest {
    @TempDir
    Path tmp;

    @Test
    void attachedSparkOutputHasTheLocalRunsValues() throws Exception {
        BccdSubset data = BccdSubset.copy(tmp.resolve("data"), 12);
        Path local = localRun(data);

        Path out = tmp.resolve("out");
        // through the CLI's launcher: a JVM of its own with the class path this module laid out in target/
        String home = System.getProperty("loupe.home");
        System.setProperty("loupe.home", Path.of("").toAbsolutePath().getParent().toString());
        Run spark;
        try {
            // --format voc --labels DIR: the job finds the format through the registry, as 'init --voc DIR' does
            spark = run(Loupe.commandLine(), "spark", "analyze", "--master", "local[2]", "--partitions", "2",
                    "--images", data.images().toString(), "--format", "voc", "--labels", data.voc().toString(), "-o", out.toString(),
                    "--embed", "fallback");
        } finally {
            if (home == null) {
                System.clearProperty("loupe.home");
            } else {
                System.setProperty("loupe.home", home);
            }
        }
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.out()).contains("Imported 12 images").contains("Analysed 12 images with "
                + dev.loupe.core.metrics.MetricRegistry.load(SparkAnalyzeTest.class.getClassLoader()).all().size()
                + " metrics on Spark (local[2], 2 partitions)");
        assertThat(Files.exists(out.resolve("_work"))).isFalse();

        Path attached = tmp.resolve("attached");
        cli("attach", attached.toString(), out.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("ATTACH '" + local.resolve(ProjectStore.DATABASE_FILE) + "' AS a (READ_ONLY)");
            s.execute("ATTACH '" + attached.resolve(ProjectStore.DATABASE_FILE) + "' AS b (READ_ONLY)");
            for (String t : List.of("images", "annotations", "categories", "issues", "image_metrics", "annotation_metrics",
                    "metric_failures", "metric_sets", "metric_coverage", "image_embeddings", "annotation_embeddings",
                    "embedding_coverage", "embedding_map", "embedding_models")) {
                assertSame(s, "SELECT * FROM a." + t, "SELECT * FROM b." + t, t);
            }
            assertSame(s, "SELECT scope, metric_id, column_name, version, run_id, kind, title, outliers FROM a.metric_columns",
                    "SELECT scope, metric_id, column_name, version, run_id, kind, title, outliers FROM b.metric_columns", "metric_columns");
            assertThat(count(s, "SELECT count(*) FROM b.image_metrics WHERE \"image.brightness\" IS NOT NULL")).isEqualTo(11);
            assertThat(count(s, "SELECT count(*) FROM b.metric_failures WHERE metric_id = 'decode' AND message LIKE '%"
                    + data.brokenImage() + "%'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM b.image_metrics WHERE \"image.duplicate_group_size\" IS NOT NULL")).isEqualTo(11);
            // the embedding pass and the second phase: vectors of the 11 decodable images, uniqueness and quality from them
            assertThat(count(s, "SELECT count(*) FROM b.image_embeddings")).isEqualTo(11);
            assertThat(count(s, "SELECT count(*) FROM b.image_metrics WHERE \"image.uniqueness\" IS NOT NULL")).isEqualTo(11);
            assertThat(count(s, "SELECT count(*) FROM b.annotation_metrics WHERE \"annotation.quality\" IS NOT NULL")).isPositive();
            assertThat(count(s, "SELECT count(*) FROM b.runs WHERE kind = 'embed' AND status = 'succeeded' "
                    + "AND message LIKE '12 images embedded on Spark in 2 partitions, 1 failures'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM b.runs WHERE kind = 'analyze' AND status = 'succeeded' "
                    + "AND parameters LIKE '%\"engine\":\"spark\"%' AND message LIKE '12 images analysed on Spark in 2 partitions%'")).isEqualTo(1);
        }
        Run info = run(Loupe.commandLine(), "info", attached.toString());
        assertThat(info.out()).contains("Images       12").contains("12 images analysed");
    }

    @Test
    void aRunOnAHadoopFileSystemGivesTheLocalRunsValues() throws Exception {
        BccdSubset data = BccdSubset.copy(tmp.resolve("data"), 12);
        Path local = localRun(data);

        // every location a URI of a scheme only the Hadoop file system API reaches, as for HDFS or S3
        Path out = tmp.resolve("out");
        String images = SchemeFileSystem.uri(data.images());
        System.setProperty("spark.hadoop.fs." + SchemeFileSystem.SCHEME + ".impl", SchemeFileSystem.class.getName());
        Run spark;
        Run full;
        Run noLabels;
        // the work folder a killed driver left: removed when the command runs again
        Files.createDirectories(tmp.resolve("out2/_work/metrics")).resolve("stale.parquet").toFile().createNewFile();
        try {
            spark = run(SparkAnalyze.commandLine(), "--master", "local[2]", "--partitions", "2", "--images", images,
                    "--voc", SchemeFileSystem.uri(data.voc()), "-o", SchemeFileSystem.uri(out), "--embed", "fallback");
            full = run(SparkAnalyze.commandLine(), "--master", "local[1]", "--images", images, "--voc", SchemeFileSystem.uri(data.voc()),
                    "-o", SchemeFileSystem.uri(out));
            noLabels = run(SparkAnalyze.commandLine(), "--master", "local[1]", "--images", images, "--voc",
                    SchemeFileSystem.uri(tmp.resolve("nowhere")), "-o", SchemeFileSystem.uri(tmp.resolve("out2")));
        } finally {
            System.clearProperty("spark.hadoop.fs." + SchemeFileSystem.SCHEME + ".impl");
        }
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.out()).contains("Read the headers of 12 of 12 images").contains("Imported 12 images")
                .contains("Analysed 12 images with");
        assertThat(Files.exists(out.resolve("_work"))).isFalse();
        assertThat(full.code()).isEqualTo(3);
        assertThat(full.err()).contains("output folder loupetest:" + out + " is not empty");
        assertThat(noLabels.code()).isEqualTo(3);
        assertThat(noLabels.err()).contains("VOC folder (--voc) not found: loupetest:" + tmp.resolve("nowhere"));
        assertThat(noLabels.out()).contains("Removing loupetest:" + tmp.resolve("out2/_work") + ", the work folder of an interrupted run");
        assertThat(Files.exists(tmp.resolve("out2/_work"))).isFalse();

        Path attached = tmp.resolve("attached");
        cli("attach", attached.toString(), out.toString(), "--images", data.images().toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("ATTACH '" + local.resolve(ProjectStore.DATABASE_FILE) + "' AS a (READ_ONLY)");
            s.execute("ATTACH '" + attached.resolve(ProjectStore.DATABASE_FILE) + "' AS b (READ_ONLY)");
            for (String t : List.of("images", "annotations", "categories", "issues", "image_metrics", "annotation_metrics",
                    "metric_sets", "metric_coverage", "image_embeddings", "annotation_embeddings", "embedding_coverage", "embedding_map")) {
                assertSame(s, "SELECT * FROM a." + t, "SELECT * FROM b." + t, t);
            }
            String failures = "SELECT item_id, metric_id, replace(message, '%s', '<images>') FROM %s.metric_failures";
            assertSame(s, String.format(failures, data.images(), "a"), String.format(failures, "loupetest:" + data.images(), "b"),
                    "metric_failures");
            assertThat(count(s, "SELECT count(*) FROM b.metric_failures WHERE metric_id = 'decode' AND message LIKE '%"
                    + data.brokenImage() + "%'")).isEqualTo(1);
            // where the labels and images were read from is recorded, not the driver's local copies of them
            assertThat(count(s, "SELECT count(*) FROM b.runs WHERE kind = 'import' AND parameters LIKE '%loupetest:" + data.voc()
                    + "%' AND parameters LIKE '%loupetest:" + data.images() + "%'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM b.runs WHERE parameters LIKE '%loupe-spark-%' OR parameters LIKE '%loupe-slice-%'"))
                    .isZero();
            assertThat(count(s, "SELECT count(*) FROM read_parquet('" + out.resolve("project_meta") + "/*.parquet') "
                    + "WHERE key = 'images_root' AND value = 'loupetest:" + data.images() + "'")).isEqualTo(1);
        }
        Run plain = run(Loupe.commandLine(), "attach", tmp.resolve("attached-as-written").toString(), out.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("Its images folder loupetest:" + data.images() + " is not a folder here").contains("--images DIR");
    }

    @Test
    void refusesAFullOutputFolderMissingLabelsAndAnUnknownFormatBeforeStartingSpark() throws Exception {
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        Run r = run(SparkAnalyze.commandLine(), "--images", tmp.toString(), "--folders", "-o", full.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("is not empty").doesNotContain("Exception");
        // the work folder a killed driver left is removed when the command runs again
        Files.createDirectories(tmp.resolve("o/_work/project"));
        Run voc = run(SparkAnalyze.commandLine(), "--images", tmp.toString(), "--voc", tmp.resolve("nope").toString(), "-o",
                tmp.resolve("o").toString());
        assertThat(voc.code()).isEqualTo(3);
        assertThat(voc.err()).contains("VOC folder (--voc) not found");
        assertThat(voc.out()).contains("Removing " + tmp.resolve("o/_work") + ", the work folder of an interrupted run");
        assertThat(Files.exists(tmp.resolve("o/_work"))).isFalse();
        Run unknown = run(SparkAnalyze.commandLine(), "--images", tmp.toString(), "--format", "nope", "--labels", tmp.toString(), "-o",
                tmp.resolve("o").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("nope").contains("list").contains("coco");
        Run list = run(SparkAnalyze.commandLine(), "--images", tmp.toString(), "--format", "list", "--labels",
                tmp.resolve("images.txt").toString(), "-o", tmp.resolve("o").toString());
        assertThat(list.code()).isEqualTo(3);
        assertThat(list.err()).contains("image list (--labels) not found");
        Run model = run(SparkAnalyze.commandLine(), "--images", tmp.toString(), "--folders", "-o", tmp.resolve("o").toString(),
                "--embed", "nope");
        assertThat(model.code()).isEqualTo(3);
        assertThat(model.err()).contains("unknown embedding model 'nope'").contains("fallback");
        Run objects = run(SparkAnalyze.commandLine(), "--images", tmp.toString(), "--folders", "-o", tmp.resolve("o").toString(),
                "--no-objects");
        assertThat(objects.code()).isEqualTo(2);
        assertThat(objects.err()).contains("--no-objects goes with --embed");
    }

    /** 'loupe init' + 'analyze' + 'embed --model fallback' of the subset: what the job must give. */
    private Path localRun(BccdSubset data) {
        Path local = tmp.resolve("local");
        cli("init", local.toString(), "--images", data.images().toString(), "--voc", data.voc().toString());
        cli("analyze", local.toString(), "--threads", "2");
        cli("embed", local.toString(), "--model", "fallback", "--threads", "2");
        return local;
    }

    private static void assertSame(Statement s, String a, String b, String what) throws SQLException {
        long rows = count(s, "SELECT count(*) FROM (" + a + ")");
        assertThat(count(s, "SELECT count(*) FROM (" + b + ")")).as(what).isEqualTo(rows);
        assertThat(count(s, "SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")")).as(what).isZero();
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void cli(String... args) {
        Run r = run(Loupe.commandLine(), args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
