package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.store.ProjectStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image files a hostile dataset can name: links out of the images folder (to another image, to
 * /etc/passwd, to /dev/zero), a FIFO (opening it blocks for ever), absolute and '..' paths, and a
 * file whose header declares more pixels than the limit. init, analyze and embed never open them:
 * each becomes an issue (init) or a failure of that image (analyze, embed) naming the path and the
 * rule, and every other image is done.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileImageFilesTest {
    static final List<String> REFUSED = List.of("out-link.png", "passwd.png", "zero.png", "fifo.png", "/dev/zero",
            "../secret/outside.png", "/etc/passwd");

    @TempDir
    Path tmp;
    Path images;
    Path coco;

    @BeforeEach
    void dataset() throws IOException, InterruptedException {
        images = Files.createDirectories(tmp.resolve("images"));
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        png(images.resolve("good.png"), 16, 16);
        png(images.resolve("big.png"), 100, 100);
        png(secret.resolve("outside.png"), 16, 16);
        Files.createSymbolicLink(images.resolve("inner-link.png"), Path.of("good.png"));
        Files.createSymbolicLink(images.resolve("out-link.png"), secret.resolve("outside.png"));
        Files.createSymbolicLink(images.resolve("passwd.png"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(images.resolve("zero.png"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", images.resolve("fifo.png").toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed for the FIFO case");
        StringBuilder json = new StringBuilder("{\"categories\":[{\"id\":1,\"name\":\"a\"}],\"annotations\":[],\"images\":[");
        List<String> names = new java.util.ArrayList<>(List.of("good.png", "inner-link.png", "big.png"));
        names.addAll(REFUSED);
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"file_name\":\"").append(names.get(i))
                    .append("\",\"width\":").append(size(names.get(i))).append(",\"height\":").append(size(names.get(i))).append('}');
        }
        coco = Files.writeString(tmp.resolve("instances.json"), json.append("]}").toString());
    }

    private static int size(String name) {
        return name.equals("big.png") ? 100 : 16;
    }

    private static void png(Path file, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xFF8040);
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void linksOutOfTheFolderFifosAndDevicesAreNeverOpenedAndTooLargeImagesNotDecoded() throws Exception {
        Path project = tmp.resolve("p");
        CliRun init = CliRun.of("init", project.toString(), "--images", images.toString(), "--coco", coco.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        Map<String, String> issues = byPath(project, "SELECT i.path, s.message FROM issues s JOIN images i ON i.id = s.item_id");
        assertThat(issues.keySet()).as(issues.toString()).containsExactlyInAnyOrderElementsOf(REFUSED);
        assertThat(issues.get("out-link.png")).contains("is a link to").contains("outside the images folder");
        assertThat(issues.get("passwd.png")).contains("is a link to /etc/passwd");
        assertThat(issues.get("fifo.png")).contains("not a regular file");
        assertThat(issues.get("/dev/zero")).contains("leaves the images folder");

        CliRun analyze = CliRun.of("analyze", project.toString(), "--threads", "2", "--max-pixels", "1000");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.err()).doesNotContain("Exception");
        assertThat(analyze.out()).contains("Analysed 10 of 10 images");
        Map<String, String> failures = byPath(project, "SELECT i.path, f.message FROM metric_failures f "
                + "JOIN images i ON i.id = f.item_id WHERE f.item_type = 'image' AND f.metric_id = 'decode'");
        assertThat(failures.keySet()).containsExactlyInAnyOrderElementsOf(withBig());
        assertThat(failures.get("big.png")).contains("100x100 = 10000 pixels, more than the limit of 1000");
        assertThat(failures.get("passwd.png")).contains("is a link to /etc/passwd").doesNotContain("root:");
        assertThat(failures.get("zero.png")).contains("is a link to /dev/zero");
        assertThat(failures.get("fifo.png")).contains("not a regular file");
        assertThat(failures.get("../secret/outside.png")).contains("leaves the images folder");
        Map<String, String> brightness = byPath(project, "SELECT i.path, CAST(m.\"image.brightness\" AS VARCHAR) "
                + "FROM image_metrics m JOIN images i ON i.id = m.image_id WHERE m.\"image.brightness\" IS NOT NULL");
        assertThat(brightness.keySet()).containsExactlyInAnyOrder("good.png", "inner-link.png");

        CliRun embed = CliRun.of("embed", project.toString(), "--model", "fallback", "--threads", "1", "--max-pixels", "1000");
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        assertThat(embed.out()).contains("Embedded 10 of 10 images").contains("; 8 failures");
        Map<String, String> embedFailures = byPath(project, "SELECT i.path, f.message FROM metric_failures f "
                + "JOIN images i ON i.id = f.item_id WHERE f.item_type = 'image' AND f.metric_id = 'embedding'");
        assertThat(embedFailures.keySet()).containsExactlyInAnyOrderElementsOf(withBig());
        assertThat(embedFailures.get("out-link.png")).contains("outside the images folder");
    }

    @Test
    void maxPixelsMustBePositive() {
        CliRun analyze = CliRun.of("analyze", tmp.resolve("p").toString(), "--max-pixels", "0");
        assertThat(analyze.exitCode()).isEqualTo(2);
        assertThat(analyze.err()).contains("--max-pixels must be a positive number of pixels, got 0").doesNotContain("Exception");
    }

    private static List<String> withBig() {
        List<String> all = new java.util.ArrayList<>(REFUSED);
        all.add("big.png");
        return all;
    }

    private static Map<String, String> byPath(Path project, String sql) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve(ProjectStore.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.merge(rs.getString(1), rs.getString(2), (a, b) -> a + " | " + b);
            }
        }
        return out;
    }
}
