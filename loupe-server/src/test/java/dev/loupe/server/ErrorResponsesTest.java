package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Every error is {@code {error, detail}} JSON with the security headers and the right status (issue 17). */
class ErrorResponsesTest {
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

    /** Requests Jetty refuses before Javalin sees them used to get Jetty's HTML page without the headers. */
    @ParameterizedTest
    @ValueSource(strings = {"GET /api/images/%00/file HTTP/1.1\r\nHost: localhost\r\n",
        "GET /api/search?q=LONG HTTP/1.1\r\nHost: localhost\r\n",
        "GET /api/summary HTTP/1.1\r\nHost: local host\r\n",
        "GET /api/summary HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n",
        "POST /api/tags/add HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"})
    void jettysOwnErrorsAreJsonWithTheSecurityHeaders(String request) throws IOException {
        String req = request.replace("LONG", "a".repeat(10_000)) + (request.contains("chunked") ? "" : "Connection: close\r\n\r\n");
        String reply = Http.raw(server.port(), req);
        String head = reply.substring(0, Math.max(0, reply.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
        assertThat(reply).as(reply).matches("(?s)HTTP/1.1 4\\d\\d .*");
        assertThat(head).as(reply).contains("content-type: application/json").contains("x-content-type-options: nosniff")
                .contains("x-frame-options: deny").contains("content-security-policy: default-src 'self'")
                .contains("referrer-policy: no-referrer");
        assertThat(reply).as(reply).containsPattern("\\{\"error\":\"[a-z_0-9]+\",\"detail\":\"[^\"]+\"\\}")
                .doesNotContain("<html").doesNotContain("<h2>");
    }

    @Test
    void aNullJsonBodyIsA400NamingWhatWasExpected() {
        Http.Reply r = http.post("/api/tags/add", "null");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).isEqualTo("request body must be a TagRequest JSON object, got null");
    }

    /** Jackson's limit errors carry no location; the body's line, column and the limit are named. */
    @Test
    void aBodyBeyondJacksonsLimitsNamesThePositionAndTheLimit() {
        Http.Reply r = http.post("/api/tags/add", "{\"tag\":\n" + "[".repeat(1500) + "]".repeat(1500) + "}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).isEqualTo("request body line 2, column 1001 is beyond a reading limit: "
                + "Document nesting depth (1001) exceeds the maximum allowed (1000)");
    }

    @Test
    void integersBeyondTheIntRangeAreRefusedNotWrapped() {
        for (String path : new String[] {"/api/images/1/similar?k=4294967297", "/api/distribution?metric=image.width&bins=4294967336",
            "/api/scatter?x=image.width&y=image.height&bins=4294967360"}) {
            Http.Reply r = http.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).as(path).contains("out of range");
        }
    }

    @Test
    void theThumbnailOfAnUndecodableImageIs415(@TempDir Path tmp) throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        byte[] jpeg = Files.readAllBytes(BccdProject.BCCD.resolve("JPEGImages/BloodImage_00000.jpg"));
        Files.write(images.resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg, 600));
        Files.write(images.resolve("png.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        Path p = tmp.resolve("p");
        ProjectStore.create(p, new ImportSource("coco", images, null, Map.of()), sink -> {
            sink.image(new ImageRecord(1, "cut.jpg", 640, 480, "jpeg", null, 600, null));
            sink.image(new ImageRecord(2, "png.png", 640, 480, "png", null, 12, null));
        });
        try (LoupeServer s = LoupeServer.start(p, new ServerOptions(null, 0, null))) {
            Http h = new Http("http://127.0.0.1:" + s.port(), null);
            for (int id : new int[] {1, 2}) {
                Http.Reply r = h.get("/api/images/" + id + "/thumbnail");
                assertThat(r.status()).as(r.text()).isEqualTo(415);
                assertThat(r.json().get("error").asText()).isEqualTo("unsupported_image");
                assertThat(r.json().get("detail").asText()).contains("cannot be decoded");
            }
        }
    }
}
