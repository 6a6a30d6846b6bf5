package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project this user cannot write (a read-only folder or file) could not even be read: info and
 * eval exited 6 with DuckDB's "Permission denied". Reading commands now open such a project
 * read-only. CI runs as root, where permission bits do not stop writes, so the test forces the
 * read-only opening the CLI uses for a project it cannot write ({@link ProjectStore#READ_ONLY_PROPERTY});
 * the permission case itself was checked by hand as a non-root user (docs/RELIABILITY.md).
 */
class ReadOnlyProjectTest {
    static final Path DATA = CliRun.shared().resolve("data/voc100");

    @TempDir
    Path tmp;

    @AfterEach
    void writable() {
        System.clearProperty(ProjectStore.READ_ONLY_PROPERTY);
    }

    @Test
    void infoAndEvalReadAProjectOpenedReadOnlyAndWriteNothing() throws Exception {
        Path project = tmp.resolve("p");
        assertThat(CliRun.of("init", project.toString(), "--images", DATA.resolve("images").toString(),
                "--coco", DATA.resolve("gts/coco_format_v1/instances_default.json").toString()).exitCode()).isZero();
        CliRun imp = CliRun.of("predictions", "import", project.toString(), DATA.resolve("coco_dets_from_abs_xywh.json").toString(),
                "--name", "m1", "--no-metrics");
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        Path db = project.resolve("loupe.duckdb");
        String before = sha256(db);

        System.setProperty(ProjectStore.READ_ONLY_PROPERTY, "true");
        CliRun info = CliRun.of("info", project.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("Images       100");
        CliRun eval = CliRun.of("eval", project.toString(), "--predictions", "m1");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("Prediction set \"m1\"", "273 ground truths, 452 predictions");

        // Opened the way those commands open it: read-only, and a write says so, naming the file.
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            assertThat(store.readOnly()).isTrue();
            assertThatThrownBy(() -> store.tags().add("x", Scope.IMAGE, List.of(1L))).isInstanceOf(LoupeException.class)
                    .extracting(e -> ((LoupeException) e).reason()).isEqualTo(LoupeException.Reason.READ_ONLY);
            assertThatThrownBy(() -> store.tags().add("x", Scope.IMAGE, List.of(1L))).isInstanceOf(LoupeException.class)
                    .hasMessage("cannot write " + db.toRealPath() + ": it is open read-only (this user may not write it "
                            + "or its folder); nothing was written");
        }
        // Served: browsing answers, a tag is refused as 403 read_only naming the file (it was a 500 'store').
        try (LoupeServer server = LoupeServer.start(project, new ServerOptions(ServerOptions.DEFAULT_HOST, 0, null))) {
            assertThat(server.readOnlyProjects()).containsExactly(project);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/summary")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> tag = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tags/add"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scope\":\"image\",\"ids\":[1]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tag.statusCode()).as(tag.body()).isEqualTo(403);
            assertThat(tag.body()).contains("\"error\":\"read_only\"", "it is open read-only");
        }
        assertThat(sha256(db)).isEqualTo(before);
        assertThat(project.resolve("loupe.duckdb.wal")).doesNotExist();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
