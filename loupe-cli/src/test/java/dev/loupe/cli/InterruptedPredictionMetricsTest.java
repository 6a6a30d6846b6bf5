package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code predictions import} killed during its metric pass keeps the batches it committed: the
 * set has metrics for part of its images. {@code eval} warns, and the next {@code analyze} (or
 * import) completes the pass to the values an uninterrupted import gives.
 */
class InterruptedPredictionMetricsTest {
    static final Path VOC100 = CliRun.shared().resolve("data/voc100");

    @Test
    void evalWarnsAndAnalyzeCompletesAnInterruptedMetricPass(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("p");
        CliRun init = CliRun.of("init", project.toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", VOC100.resolve("gts/coco_format_v1/instances_default.json").toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        String dets = VOC100.resolve("coco_dets_from_abs_xywh.json").toString();
        for (String name : List.of("whole", "cut")) {
            CliRun imp = CliRun.of("predictions", "import", project.toString(), dets, "--name", name, "--threads", "2");
            assertThat(imp.exitCode()).as(imp.err()).isZero();
        }
        CliRun off = CliRun.of("predictions", "import", project.toString(), dets, "--name", "off", "--no-metrics");
        assertThat(off.exitCode()).as(off.err()).isZero();
        // what a kill after the first batches leaves: coverage and values for the images up to 50 only
        try (Connection c = duckdb(project); Statement s = c.createStatement()) {
            s.execute("DELETE FROM prediction_metrics WHERE prediction_id IN (SELECT p.id FROM predictions p "
                    + "JOIN prediction_sets t ON t.id = p.set_id WHERE t.name = 'cut' AND p.image_id > 50)");
            s.execute("DELETE FROM prediction_metric_coverage WHERE image_id > 50 AND set_id = "
                    + "(SELECT id FROM prediction_sets WHERE name = 'cut')");
        }

        CliRun eval = CliRun.of("eval", project.toString(), "--predictions", "cut", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).startsWith("{");
        assertThat(eval.err()).contains("Warning: prediction set \"cut\" has no annotation metrics on 49 of its 98 images")
                .contains("'loupe analyze " + project + "' completes them");
        assertThat(CliRun.of("eval", project.toString(), "--predictions", "whole").err()).doesNotContain("Warning");
        assertThat(CliRun.of("eval", project.toString(), "--predictions", "off").err())
                .as("a set imported with --no-metrics is not incomplete").doesNotContain("Warning");

        CliRun analyze = CliRun.of("analyze", project.toString(), "--threads", "2", "--metrics", "image.width");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("Prediction set \"cut\": 49 of 98 images have no annotation metrics yet")
                .contains("Ran 25 annotation metrics on the predictions of 49 images").doesNotContain("\"off\"")
                .as("progress goes to stderr").doesNotContain("analyze: ");
        assertThat(analyze.err()).contains("analyze: 98/98 images (100%), 49 saved");
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.predictions().pendingMetrics()).isEmpty();
        }
        assertThat(CliRun.of("eval", project.toString(), "--predictions", "cut").err()).doesNotContain("Warning");
        assertThat(values(project, "cut")).hasSizeGreaterThan(452).isEqualTo(values(project, "whole"));
    }

    private static Connection duckdb(Path project) throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE));
    }

    /** Every (image, source id, metric, value) of a set's prediction metrics, in one order. */
    private static List<String> values(Path project, String set) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = duckdb(project); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("UNPIVOT (SELECT p.image_id, p.id - (SELECT min(id) FROM predictions q WHERE "
                     + "q.set_id = p.set_id) AS k, m.* EXCLUDE (prediction_id) FROM prediction_metrics m JOIN predictions p "
                     + "ON p.id = m.prediction_id JOIN prediction_sets t ON t.id = p.set_id WHERE t.name = '" + set + "') "
                     + "ON COLUMNS(* EXCLUDE (image_id, k)) INTO NAME metric VALUE v ORDER BY image_id, k, metric")) {
            // annotation.random is a function of the prediction id, which differs between sets
            while (rs.next()) {
                if (!rs.getString(3).equals("annotation.random")) {
                    out.add(rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
        }
        return out;
    }
}
