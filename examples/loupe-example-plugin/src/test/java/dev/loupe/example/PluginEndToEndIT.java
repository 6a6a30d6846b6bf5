package dev.loupe.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testkit.ServeOutput;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user installs it: its jar (built by 'package') dropped into a project's plugins/
 * folder, then the real CLI in its own JVM: metrics list, analyze, metrics export, and the web API
 * of serve. The values are those counted by hand in {@link DarkBorderFractionTest}.
 */
class PluginEndToEndIT {
    private static final String ID = "image.dark_border_fraction";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private static Path jar(String property) {
        Path p = Path.of(System.getProperty(property, "")).toAbsolutePath().normalize();
        assertThat(p).as(property + " (build the module with 'mvn verify' from the repository root)").isRegularFile();
        return p;
    }

    private static List<String> loupe(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar("loupe.cli.jar").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(loupe(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("loupe " + String.join(" ", args) + " finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void png(Path file, int w, int h, int[][] blackBands) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        for (int[] b : blackBands) {
            for (int y = b[1]; y < b[3]; y++) {
                for (int x = b[0]; x < b[2]; x++) {
                    img.setRGB(x, y, 0);
                }
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void theJarInPluginsImportsAClassList() throws Exception {
        Path images = tmp.resolve("images");
        png(images.resolve("a.png"), 100, 80, new int[][] {});
        png(images.resolve("b.png"), 60, 40, new int[][] {});
        png(images.resolve("c.png"), 60, 40, new int[][] {});
        Path list = Files.writeString(tmp.resolve("list.csv"), "a.png,cat\nb.png,dog\nc.png,cat\n");
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar("plugin.jar"), plugins.resolve("example.jar"));

        Run formats = run("formats", "--plugins", plugins.toString());
        assertThat(formats.exit()).as(formats.err()).isZero();
        assertThat(formats.out()).contains("class-list --labels FILE");
        Run without = run("init", tmp.resolve("none").toString(), "--images", images.toString(), "--format", "class-list",
                "--labels", list.toString());
        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.err()).contains("unknown dataset format 'class-list'");

        Path project = tmp.resolve("project");
        Run init = run("init", project.toString(), "--images", images.toString(), "--plugins", plugins.toString(),
                "--format", "class-list", "--labels", list.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains(": 3 images, 3 annotations, 0 issues (class-list import");
        Run info = run("info", project.toString(), "--json");
        assertThat(info.exit()).as(info.err()).isZero();
        JsonNode summary = JSON.readTree(info.out());
        assertThat(summary.toString()).contains("class-list");
    }

    @Test
    void theJarInPluginsIsListedAnalysedExportedAndServed() throws Exception {
        Path images = tmp.resolve("images");
        png(images.resolve("letterboxed/a.png"), 100, 80, new int[][] {{0, 0, 100, 10}, {0, 70, 100, 80}});
        png(images.resolve("plain/b.png"), 100, 80, new int[][] {});
        png(images.resolve("plain/c.png"), 60, 40, new int[][] {{0, 0, 3, 40}});
        Path project = tmp.resolve("project");
        Run init = run("init", project.toString(), "--images", images.toString(), "--folders");
        assertThat(init.exit()).as(init.err()).isZero();
        Files.createDirectories(project.resolve("plugins"));
        Files.copy(jar("plugin.jar"), project.resolve("plugins/dark-border.jar"));

        Run list = run("metrics", "list", "--json", "--plugins", project.resolve("plugins").toString());
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode listed = null;
        for (JsonNode m : JSON.readTree(list.out())) {
            if (m.get("id").asText().equals(ID)) {
                listed = m;
            }
        }
        assertThat(listed).as(ID + " in metrics list --plugins").isNotNull();
        assertThat(listed.get("title").asText()).isEqualTo("Dark border fraction");
        Run without = run("metrics", "list", "--json");
        assertThat(without.out()).as("without --plugins").doesNotContain(ID);

        Run analyze = run("analyze", project.toString());
        assertThat(analyze.exit()).as(analyze.err()).isZero();
        Path csv = tmp.resolve("image-metrics.csv");
        Run export = run("metrics", "export", project.toString(), "--scope", "image", "-o", csv.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        Map<String, Double> byPath = column(Files.readAllLines(csv, StandardCharsets.UTF_8), ID);
        assertThat(byPath).containsOnlyKeys("letterboxed/a.png", "plain/b.png", "plain/c.png");
        assertThat(byPath.get("letterboxed/a.png")).isCloseTo(896.0 / 1376, within(1e-12));
        assertThat(byPath.get("plain/b.png")).isEqualTo(0.0);
        assertThat(byPath.get("plain/c.png")).isCloseTo(84.0 / 384, within(1e-12));

        served(project);
    }

    /** The metric in the web API: the catalogue, and a search sorted by it. */
    private void served(Path project) throws Exception {
        Process server = new ProcessBuilder(loupe("serve", project.toString(), "--port", "0"))
                .redirectErrorStream(true).start();
        try {
            String url = ServeOutput.url(server);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode catalogue = JSON.readTree(get(http, url + "api/metrics"));
            boolean found = false;
            for (JsonNode m : catalogue.isArray() ? catalogue : catalogue.path("metrics")) {
                found |= m.path("id").asText().equals(ID);
            }
            assertThat(found).as(ID + " in /api/metrics: " + catalogue).isTrue();
            JsonNode page = JSON.readTree(get(http, url + "api/search?scope=image&sort=" + ID + "&order=desc&limit=3"));
            JsonNode items = page.path("items");
            assertThat(items.size()).as(page.toString()).isEqualTo(3);
            assertThat(items.get(0).path("path").asText()).as(page.toString()).isEqualTo("letterboxed/a.png");
            assertThat(items.get(1).path("path").asText()).isEqualTo("plain/c.png");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** The values of one column by the 'path' column of a CSV without quoted commas. */
    private static Map<String, Double> column(List<String> lines, String name) {
        List<String> header = List.of(lines.get(0).split(","));
        int path = header.indexOf("path");
        int col = header.indexOf(name);
        assertThat(col).as(name + " in " + header).isNotNegative();
        Map<String, Double> out = new HashMap<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] cells = row.split(",", -1);
            out.put(cells[path], Double.parseDouble(cells[col]));
        }
        return out;
    }
}
