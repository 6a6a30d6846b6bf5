package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.store.ProjectStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'loupe analyze' on the BCCD sample: values, resume after kill -9, metrics list and export. */
class AnalyzeTest {
    static final java.util.regex.Pattern SAVED = java.util.regex.Pattern.compile("analyze: \\d+/364 .*, (\\d+) saved");
    static final Path BCCD = CliRun.shared().resolve("data/bccd/BCCD");

    @TempDir
    Path tmp;

    private Path initBccd(String name) {
        Path project = tmp.resolve(name);
        CliRun init = CliRun.of("init", project.toString(), "--images", BCCD.resolve("JPEGImages").toString(),
                "--voc", BCCD.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return project;
    }

    @Test
    void killedAnalyzeResumesWithoutHolesOrDuplicates() throws Exception {
        Path project = initBccd("p");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), Loupe.class.getName(),
                "analyze", project.toString(), "--threads", "2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                // Kill once some images are saved (committed), long before the end.
                java.util.regex.Matcher m = SAVED.matcher(line);
                if (m.find() && Long.parseLong(m.group(1)) > 0 && !line.startsWith("analyze: 364/")) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        assertThat(log.toString()).as("the run was killed before it finished").doesNotContain("Analysed 364 of 364");
        long before = coverage(project);
        assertThat(before).as(log.toString()).isBetween(1L, 363L);
        assertThat(valueRows(project)).as("value rows right after the kill; %s", diagnose(project)).isEqualTo(before);

        CliRun resumed = CliRun.of("analyze", project.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Analysed " + (364 - before) + " of 364 images");
        assertThat(coverage(project)).isEqualTo(364);
        assertThat(valueRows(project)).as("value rows after the resumed run; before %d; %s", before, diagnose(project))
                .isEqualTo(364);
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT image_id) FROM image_metrics")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(364);
            assertThat(rs.getLong(2)).isEqualTo(364);
        }
        CliRun again = CliRun.of("analyze", project.toString());
        assertThat(again.out()).contains("Analysed 0 of 364 images").contains("364 images were already done");
    }

    private static long valueRows(Path project) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM image_metrics")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Coverage rows and runs, for a failure message. */
    private static String diagnose(Path project) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT set_id, count(*), count(DISTINCT image_id), min(image_id), "
                    + "max(image_id) FROM metric_coverage GROUP BY set_id ORDER BY set_id")) {
                while (rs.next()) {
                    sb.append("coverage set ").append(rs.getInt(1)).append(": ").append(rs.getLong(2)).append(" rows, ")
                            .append(rs.getLong(3)).append(" images ").append(rs.getLong(4)).append("..")
                            .append(rs.getLong(5)).append("; ");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, kind, status, message FROM runs ORDER BY id")) {
                while (rs.next()) {
                    sb.append("run ").append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getString(3)).append(' ').append(rs.getString(4)).append("; ");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT list(image_id ORDER BY image_id) FROM metric_coverage WHERE image_id "
                    + "NOT IN (SELECT image_id FROM image_metrics)")) {
                rs.next();
                sb.append("covered without values: ").append(rs.getString(1)).append("; ");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM annotation_metrics")) {
                rs.next();
                sb.append("annotation value rows: ").append(rs.getLong(1)).append("; ");
            }
        }
        return sb.toString();
    }

    /** Images done for every metric of the full suite (one coverage row per image per run). */
    private static long coverage(Path project) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT image_id) FROM metric_coverage")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void infoShowsOutliersAndFindingsAndExportWritesEveryMetric() throws Exception {
        Path project = initBccd("q");
        CliRun analyze = CliRun.of("analyze", project.toString(), "--threads", "2");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("Analysed 364 of 364 images").contains("0 failures");
        JsonNode info = new ObjectMapper().readTree(CliRun.of("info", project.toString(), "--json").out());
        JsonNode analysis = info.get("analysis");
        assertThat(analysis.at("/summary/lastRun/status").asText()).isEqualTo("succeeded");
        assertThat(analysis.at("/summary/analysedImages").asLong()).isEqualTo(364);
        assertThat(analysis.get("imageOutliers").size()).isPositive();
        assertThat(analysis.get("findings").size()).isPositive();
        CliRun text = CliRun.of("info", project.toString());
        assertThat(text.out()).contains("IQR outliers").contains("Findings");
        // The web app's summary is the same record in the same shape: equal, field for field.
        try (dev.loupe.server.LoupeServer server = dev.loupe.server.LoupeServer.start(project,
                new dev.loupe.server.ServerOptions(dev.loupe.server.ServerOptions.DEFAULT_HOST, 0, null))) {
            java.net.http.HttpResponse<String> summary = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/summary"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(summary.body())).isEqualTo(info);
        }

        JsonNode list = new ObjectMapper().readTree(CliRun.of("metrics", "list", "--json").out());
        int imageMetrics = 0;
        for (JsonNode m : list) {
            // analyze writes the registry's metrics; those of 'loupe embed' come with embeddings
            if (m.get("scope").asText().equals("image") && !m.get("phase").asText().equals("embed")) {
                imageMetrics++;
            }
        }
        List<String> embed = new java.util.ArrayList<>();
        list.forEach(m -> {
            if (m.get("phase").asText().equals("embed")) {
                embed.add(m.get("id").asText());
            }
        });
        // the metrics of 'loupe embed' are listed too (they bypassed the listing before)
        assertThat(embed).contains("annotation.quality", "image.uniqueness", "image.embedding_duplicate_group_size")
                .hasSize(9);
        Path csv = tmp.resolve("images.csv");
        CliRun export = CliRun.of("metrics", "export", project.toString(), "--scope", "image", "-o", csv.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(365);
        assertThat(lines.get(0).split(",")).hasSize(5 + imageMetrics);
        assertThat(lines.get(1)).startsWith("1,BloodImage_00000.jpg,");
    }
}
