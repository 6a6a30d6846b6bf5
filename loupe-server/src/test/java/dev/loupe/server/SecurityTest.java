package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secure by default: loopback unless a token is given, bearer token checks, no path from a request, 400 JSON for bad input. */
class SecurityTest {
    static LoupeServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        server = LoupeServer.start(BccdProject.get(), new ServerOptions(null, 0, null));
        http = new Http("http://127.0.0.1:" + server.port(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bindsLoopbackByDefaultAndRefusesOtherHostsWithoutToken() {
        assertThat(new ServerOptions(null, 0, null).host()).isEqualTo("127.0.0.1");
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThatThrownBy(() -> new ServerOptions("0.0.0.0", 0, null)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("--token is required");
        assertThatThrownBy(() -> new ServerOptions("0.0.0.0", 0, "short")).hasMessageContaining("at least 16");
        assertThat(new ServerOptions("localhost", 0, null).host()).isEqualTo("localhost");
        assertThat(new ServerOptions("::1", 0, null).host()).isEqualTo("::1");
    }

    @Test
    void aTokenIsRequiredOnEveryApiCallWhenSet() throws IOException {
        String token = "s3cret-token-for-tests";
        try (LoupeServer s = LoupeServer.start(BccdProject.get(), new ServerOptions("0.0.0.0", 0, token))) {
            String base = "http://127.0.0.1:" + s.port();
            Http.Reply none = new Http(base, null).get("/api/summary");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(new Http(base, "wrong-token-wrong-token").get("/api/images/1/file").status()).isEqualTo(401);
            assertThat(new Http(base, null).get("/api/images/1/thumbnail").status()).isEqualTo(401);
            assertThat(new Http(base, null).post("/api/tags/add", "{\"name\":\"x\",\"scope\":\"image\",\"ids\":[1]}").status())
                    .isEqualTo(401);
            assertThat(new Http(base, token).get("/api/summary").status()).isEqualTo(200);
            // The page itself holds no data and loads without the token (it asks for it).
            assertThat(new Http(base, null).get("/").status()).isEqualTo(200);
        }
    }

    @Test
    void aLoopbackServerOnlyAnswersLoopbackHostNames() throws IOException {
        String reply = Http.raw(server.port(), "GET /api/summary HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 403").contains("\"error\":\"forbidden\"");
        assertThat(Http.raw(server.port(), "GET /api/metrics HTTP/1.1\r\nHost: localhost:" + server.port()
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../../../../etc/passwd", "/api/images/1/../../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/api/images/..%2F..%2Fetc%2Fpasswd/file", "/web/../../etc/passwd", "/..%5c..%5cetc%5cpasswd"})
    void noRequestPathReachesTheFileSystem(String path) throws IOException {
        String reply = Http.raw(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(reply).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:x:0:0");
    }

    @Test
    void aStoredPathOutsideTheImagesFolderIsRefused(@TempDir Path tmp) throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.writeString(tmp.resolve("secret.jpg"), "not for you");
        Path p = tmp.resolve("p");
        ProjectStore.create(p, new ImportSource("coco", images, null, Map.of()), sink -> {
            sink.image(new ImageRecord(1, "../secret.jpg", 10, 10, "jpeg", null, 11, null));
            sink.image(new ImageRecord(2, tmp.resolve("secret.jpg").toString(), 10, 10, "jpeg", null, 11, null));
        });
        try (LoupeServer s = LoupeServer.start(p, new ServerOptions(null, 0, null))) {
            Http h = new Http("http://127.0.0.1:" + s.port(), null);
            for (int id : new int[] {1, 2}) {
                Http.Reply r = h.get("/api/images/" + id + "/file");
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.text()).doesNotContain("not for you");
                assertThat(h.get("/api/images/" + id + "/thumbnail").status()).isEqualTo(403);
            }
        }
    }

    /** A link in the images folder is followed only to a regular file inside the folder (the README promises 403). */
    @Test
    void linksOutOfTheImagesFolderAndNonRegularFilesAreRefused(@TempDir Path tmp) throws IOException, InterruptedException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path good = Files.copy(BccdProject.BCCD.resolve("JPEGImages/BloodImage_00000.jpg"), images.resolve("good.jpg"));
        Path secret = Files.writeString(tmp.resolve("secret.jpg"), "not for you");
        Files.createSymbolicLink(images.resolve("inner.jpg"), good.getFileName());
        Files.createSymbolicLink(images.resolve("out.jpg"), secret);
        Files.createSymbolicLink(images.resolve("passwd.jpg"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(images.resolve("zero.jpg"), Path.of("/dev/zero"));
        Files.createSymbolicLink(images.resolve("up.jpg"), Path.of(".."));
        boolean fifo = new ProcessBuilder("mkfifo", images.resolve("fifo.jpg").toString()).start().waitFor() == 0;
        String[] names = {"good.jpg", "inner.jpg", "out.jpg", "passwd.jpg", "zero.jpg", "up.jpg/secret.jpg", "fifo.jpg"};
        Path p = tmp.resolve("p");
        ProjectStore.create(p, new ImportSource("coco", images, null, Map.of()), sink -> {
            for (int i = 0; i < names.length; i++) {
                sink.image(new ImageRecord(i + 1, names[i], 640, 480, "jpeg", null, 11, null));
            }
        });
        try (LoupeServer s = LoupeServer.start(p, new ServerOptions(null, 0, null))) {
            Http h = new Http("http://127.0.0.1:" + s.port(), null);
            for (int id : new int[] {1, 2}) {
                assertThat(h.get("/api/images/" + id + "/file").body()).isEqualTo(Files.readAllBytes(good));
                assertThat(h.get("/api/images/" + id + "/thumbnail").status()).isEqualTo(200);
            }
            for (int id = 3; id <= (fifo ? 7 : 6); id++) {
                for (String what : new String[] {"file", "thumbnail"}) {
                    Http.Reply r = h.get("/api/images/" + id + "/" + what);
                    assertThat(r.status()).as(names[id - 1] + " " + what).isEqualTo(403);
                    assertThat(r.text()).doesNotContain("not for you").doesNotContain("root:");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/search?limit=0", "/api/search?limit=abc", "/api/search?limit=501", "/api/search?offset=-1",
        "/api/search?sort=nope", "/api/search?sort=annotation.relative_area", "/api/search?order=up", "/api/search?scope=video",
        "/api/search?range=image.brightness", "/api/search?range=image.brightness:a:1", "/api/search?range=nope:0:1",
        "/api/search?range=image.brightness:NaN:", "/api/search?class=Nope", "/api/search?issue=nope",
        "/api/search?sort=image.brightness%22%3BDROP%20TABLE%20images%3B--", "/api/distribution",
        "/api/distribution?metric=image.brightness&bins=1000", "/api/images/abc", "/api/images/-1/file",
        "/api/issues?scope=x", "/api/export/coco?class=Nope"})
    void badParametersGive400WithAJsonBody(String path) {
        Http.Reply r = http.get(path);
        assertThat(r.status()).as(path).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.get("error").asText()).isEqualTo("bad_request");
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(http.get("/api/summary").json().at("/images").asLong()).isEqualTo(364);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"name\":\"\",\"scope\":\"image\",\"ids\":[1]}", "{\"name\":\"x\",\"scope\":\"image\"}",
        "{\"name\":\"a/b\",\"scope\":\"image\",\"ids\":[1]}", "{\"name\":\"x\",\"scope\":\"image\",\"ids\":[\"1; DROP\"]}",
        "{\"name\":\"x\",\"scope\":\"image\",\"ids\":[1],\"extra\":1}"})
    void badTagBodiesGive400(String body) {
        Http.Reply r = http.post("/api/tags/add", body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
    }

    /** What a page of another site can make a browser send: a "simple" text/plain POST, or any POST with its own Origin. */
    @ParameterizedTest
    @ValueSource(strings = {"Content-Type=text/plain", "Content-Type=application/x-www-form-urlencoded", "",
        "Content-Type=application/json;Origin=http://evil.example", "Content-Type=application/json;Origin=null",
        "Content-Type=application/json;Origin=http://127.0.0.1:1", "Content-Type=application/json;Sec-Fetch-Site=cross-site",
        "Content-Type=application/json;Sec-Fetch-Site=same-site", "Content-Type=text/plain;Origin=http://evil.example;Sec-Fetch-Site=cross-site"})
    void crossOriginOrNonJsonPostsChangeNothing(String headerList) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String h : headerList.split(";")) {
            if (!h.isEmpty()) {
                headers.put(h.substring(0, h.indexOf('=')), h.substring(h.indexOf('=') + 1));
            }
        }
        for (String[] call : new String[][] {{"/api/tags/add", "{\"name\":\"csrf\",\"scope\":\"image\",\"ids\":[1,2]}"},
            {"/api/tags/matching", "{\"name\":\"csrf\"}"}}) {
            Http.Reply r = http.post(call[0], call[1], headers);
            assertThat(r.status()).as(headerList + " " + call[0]).isIn(403, 415);
            assertThat(r.json().get("error").asText()).isIn("cross_origin", "unsupported_media_type");
        }
        assertThat(http.get("/api/tags").text()).doesNotContain("csrf");
    }

    @Test
    void theAppsOwnPostsAreAccepted() {
        String own = "http://127.0.0.1:" + server.port();
        Map<String, String> headers = Map.of("Content-Type", "application/json; charset=utf-8", "Origin", own,
                "Sec-Fetch-Site", "same-origin");
        Http.Reply added = http.post("/api/tags/add", "{\"name\":\"own-origin\",\"scope\":\"image\",\"ids\":[1]}", headers);
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(http.get("/api/tags").text()).contains("own-origin");
        Http.Reply removed = http.post("/api/tags/remove", "{\"name\":\"own-origin\",\"scope\":\"image\",\"ids\":[1]}", headers);
        assertThat(removed.json().get("changed").asLong()).isEqualTo(1);
    }

    @Test
    void unknownEndpointsAndMethodsGiveJsonErrors() {
        Http.Reply r = http.get("/api/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
        assertThat(http.post("/api/summary", "{}").status()).isIn(404, 405);
    }
}
