package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aNetworkAddressWithoutTokenIsRefused() {
        CliRun r = CliRun.of("serve", tmp.toString(), "--host", "0.0.0.0");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("loupe: ").contains("--token is required");
    }
}
