package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'loupe serve': prints its URL, answers the API, refuses a network address without a token. */
class ServeTest {
    @TempDir
    Path tmp;

    @Test
    void servesTheProjectAndPrintsItsUrl() throws Exception {
        Path bccd = CliRun.shared().resolve("data/bccd/BCCD");
        Path project = tmp.resolve("p");
        CliRun init = CliRun.of("init", project.toString(), "--images", bccd.resolve("JPEGImages").toString(), "--voc", bccd.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Loupe.class.getName(),
                "serve", project.toString(), "--port", "0")).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            StringBuilder log = new StringBuilder();
            for (String line = r.readLine(); line != null && url == null; line = r.readLine()) {
                log.append(line).append('\n');
                Matcher m = Pattern.compile("^Open (http://127\\.0\\.0\\.1:\\d+/)$").matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertThat(url).as(log.toString()).isNotNull();
            HttpResponse<String> summary = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/summary"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(summary.body()).contains("\"images\":364");
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
    }

    /**
     * Two processes: 'loupe serve' holds the project (DuckDB lets one process write it), and the CLI
     * commands of this test JVM hand their work to it; the server's API sees the results at once.
     * Without the server's note the same command fails on the database lock (exit 6).
     */
    @Test
    void cliCommandsRunInTheServerThatHoldsTheProject() throws Exception {
        Path voc = CliRun.shared().resolve("data/voc100");
        Path project = tmp.resolve("voc");
        CliRun init = CliRun.of("init", project.toString(), "--images", voc.resolve("images").toString(),
                "--coco", voc.resolve("gts/coco_format_v1/instances_default.json").toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Loupe.class.getName(),
                "serve", project.toString(), "--port", "0")).redirectErrorStream(true).start();
        try {
            String url = serverUrl(p);
            // Relative paths resolve against this process's working directory, not the server's.
            String dets = Path.of("").toAbsolutePath().relativize(voc.resolve("coco_dets_from_abs_xywh.json").toAbsolutePath()).toString();
            CliRun imported = CliRun.of("predictions", "import", project.toString(), dets, "--name", "dets");
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.err()).contains("the project is open in 'loupe serve'");
            assertThat(imported.out()).contains("452 predictions");
            CliRun analyzed = CliRun.of("analyze", project.toString(), "--metrics", "image.brightness");
            assertThat(analyzed.exitCode()).as(analyzed.err()).isZero();
            assertThat(analyzed.out()).contains("Analysed 100 of 100 images");
            CliRun eval = CliRun.of("eval", project.toString(), "--predictions", "dets", "--json");
            assertThat(eval.exitCode()).as(eval.err()).isZero();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(eval.out()).at("/summary/AP").asDouble())
                    .isCloseTo(0.347, org.assertj.core.data.Offset.offset(0.001));
            CliRun unknown = CliRun.of("eval", project.toString(), "--predictions", "nope");
            assertThat(unknown.exitCode()).as("a failure keeps its exit code across the hand-off").isEqualTo(3);
            assertThat(unknown.err()).contains("loupe: ");

            // The running app sees both results without a restart, and knows two writing commands ran.
            assertThat(get(url + "api/predictions")).contains("\"name\":\"dets\"");
            assertThat(get(url + "api/metrics")).contains("image.brightness");
            assertThat(get(url + "api/status")).contains("\"version\":2");

            // Without the server's note the command meets DuckDB's lock, as every command did before.
            Path note = project.resolve(dev.loupe.server.ServerRegistration.FILE);
            Path aside = tmp.resolve("note");
            Files.move(note, aside);
            CliRun locked = CliRun.of("info", project.toString());
            assertThat(locked.exitCode()).isEqualTo(6);
            Files.move(aside, note);
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
        assertThat(project.resolve(dev.loupe.server.ServerRegistration.FILE)).as("the note goes with the server").doesNotExist();
        CliRun info = CliRun.of("info", project.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.err()).doesNotContain("loupe serve");
    }

    private static String serverUrl(Process p) throws java.io.IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            log.append(line).append('\n');
            Matcher m = Pattern.compile("^Open (http://127\\.0\\.0\\.1:\\d+/)$").matcher(line);
            if (m.find()) {
                // keep draining the server's output so that it never blocks on a full pipe
                Thread drain = new Thread(() -> r.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("serve printed no URL:\n" + log);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aNetworkAddressWithoutTokenIsRefused() {
        CliRun r = CliRun.of("serve", tmp.toString(), "--host", "0.0.0.0");
        assertThat(r.exitCode()).as("a usage error").isEqualTo(2);
        assertThat(r.err()).contains("--token is required").doesNotContain("Exception");
    }
}
