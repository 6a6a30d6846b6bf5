package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several projects in one server: each under /p/NAME/, listed by /api/projects, the token guarding every one. */
class MultiProjectTest {
    @TempDir
    Path tmp;

    @Test
    void eachProjectHasItsOwnAppAndApi() throws IOException {
        Path bccd = BccdProject.get();
        Path classes = ClassificationProject.create(tmp);
        try (LoupeServer s = LoupeServer.start(List.of(bccd, classes), new ServerOptions(null, 0, null), null)) {
            Http http = new Http("http://127.0.0.1:" + s.port(), null);
            JsonNode list = http.get("/api/projects").json();
            assertThat(list).hasSize(2);
            assertThat(list.get(0).get("base").asText()).isEqualTo("/p/bccd/");
            assertThat(list.get(1).get("base").asText()).isEqualTo("/p/classes/");
            assertThat(list.get(0).get("images").asLong()).isEqualTo(364);
            assertThat(http.get("/p/bccd/api/summary").json().at("/images").asLong()).isEqualTo(364);
            assertThat(http.get("/p/classes/api/summary").json().at("/images").asLong()).isEqualTo(28);
            assertThat(http.get("/p/classes/api/search?limit=1").json().get("total").asLong()).isEqualTo(28);
            // no project at the root: its API is not there, and / leads to the first project's app
            assertThat(http.get("/api/summary").status()).isEqualTo(404);
            assertThat(http.get("/p/bccd/").text()).contains("<div id=\"app\">");
            assertThat(http.get("/p/nope/api/summary").status()).isEqualTo(404);
        }
    }

    @Test
    void theTokenGuardsEveryProjectsApi() throws IOException {
        Path bccd = BccdProject.get();
        Path classes = ClassificationProject.create(tmp);
        String token = "multi-project-token-0123";
        try (LoupeServer s = LoupeServer.start(List.of(bccd, classes), new ServerOptions(null, 0, token), null)) {
            Http anonymous = new Http("http://127.0.0.1:" + s.port(), null);
            for (String path : List.of("/api/projects", "/p/bccd/api/summary", "/p/classes/api/search", "/p/bccd/api/images/1/file")) {
                assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
            }
            Http withToken = new Http("http://127.0.0.1:" + s.port(), token);
            assertThat(withToken.get("/p/classes/api/summary").status()).isEqualTo(200);
        }
    }

    @Test
    void namesAreMadeUnique() {
        Set<String> taken = new java.util.HashSet<>();
        assertThat(LoupeServer.uniqueName(Path.of("/a/p"), taken)).isEqualTo("p");
        assertThat(LoupeServer.uniqueName(Path.of("/b/p"), taken)).isEqualTo("p-2");
        assertThat(LoupeServer.uniqueName(Path.of("/c/my project"), taken)).isEqualTo("my_project");
    }
}
