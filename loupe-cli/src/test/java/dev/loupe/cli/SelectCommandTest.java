package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loupe select}: ten images, s0-s5 labelled, s6-s9 not (the default pool). Scores are
 * worked out by hand from the predictions this test writes.
 */
class SelectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * Detection set on the pool: s6 has objects at 0.9 and 0.8 (1 - 0.85 = 0.15); s7 one at 0.3
     * (0.7); s8 one box predicted as class a at 0.6 and class b at 0.2 on the same box, one object
     * at 0.6 (0.4); s9 nothing (not ranked). The top three are s7, s8, s6.
     */
    @Test
    void meanObjectConfidenceRanksThePoolByHand() throws Exception {
        Path project = project();
        Path dets = tmp.resolve("dets.json");
        Files.writeString(dets, "[" + String.join(",", det(7, 1, 0.9, 2), det(7, 1, 0.8, 20), det(8, 1, 0.3, 2),
                det(9, 1, 0.6, 2), det(9, 2, 0.2, 2), det(1, 1, 0.99, 2)) + "]");
        assertThat(CliRun.of("predictions", "import", project.toString(), dets.toString(), "--name", "det", "--no-metrics").exitCode()).isZero();

        CliRun wrongKind = CliRun.of("select", project.toString(), "--strategy", "entropy", "-n", "2", "--tag", "x");
        assertThat(wrongKind.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrongKind.err()).contains("\"det\" is a detection set").contains("mean-object-confidence");

        CliRun r = CliRun.of("select", project.toString(), "--strategy", "mean-object-confidence", "-n", "3", "--tag",
                "round-1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = JSON.readTree(r.out());
        assertThat(s.at("/pool/description").asText()).isEqualTo("the 4 images without annotations (of 10)");
        assertThat(s.get("scored").asInt()).isEqualTo(3);
        assertThat(s.get("notes").toString()).contains("1 pool images have no prediction in \\\"det\\\"");
        List<String> paths = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        s.get("chosen").forEach(c -> {
            paths.add(c.get("path").asText());
            scores.add(c.get("score").asDouble());
        });
        assertThat(paths).containsExactly("s7.png", "s8.png", "s6.png");
        assertThat(scores.get(0)).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scores.get(1)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scores.get(2)).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.get("newTags").asInt()).isEqualTo(3);

        Map<String, String> stored = imageMetric(project, "image.acquisition.mean_object_confidence");
        assertThat(stored).containsOnlyKeys("s6.png", "s7.png", "s8.png");
        assertThat(Double.parseDouble(stored.get("s7.png"))).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));

        CliRun text = CliRun.of("select", project.toString(), "--strategy", "mean-object-confidence", "-n", "1", "--tag",
                "round-1");
        assertThat(text.out()).contains("Pool: the 4 images without annotations (of 10).")
                .contains("tagged them 'round-1' (0 newly)").contains("image.acquisition.mean_object_confidence");
    }

    /** Classification probabilities: s6 (0.5, 0.5) is the most uncertain by every score, then s8 (0.7, 0.3), then s7 (0.9, 0.1). */
    @Test
    void classificationUncertaintyAndThePoolTag() throws Exception {
        Path project = project();
        Path csv = tmp.resolve("p.csv");
        Files.writeString(csv, "image,a,b\ns6.png,0.5,0.5\ns7.png,0.9,0.1\ns8.png,0.7,0.3\ns9.png,1.0,0.0\ns0.png,0.6,0.4\n");
        assertThat(CliRun.of("predictions", "import", project.toString(), csv.toString(), "--name", "cls", "--no-metrics").exitCode()).isZero();
        for (String strategy : List.of("entropy", "least-confidence", "margin")) {
            CliRun r = CliRun.of("select", project.toString(), "--strategy", strategy, "-n", "3", "--tag", strategy, "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> paths = new ArrayList<>();
            JSON.readTree(r.out()).get("chosen").forEach(c -> paths.add(c.get("path").asText()));
            assertThat(paths).as(strategy).containsExactly("s6.png", "s8.png", "s7.png");
        }
        Map<String, String> entropy = imageMetric(project, "image.acquisition.entropy");
        assertThat(Double.parseDouble(entropy.get("s6.png"))).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.parseDouble(entropy.get("s9.png"))).isZero();

        assertThat(CliRun.of("select", project.toString(), "--strategy", "random", "-n", "2", "--tag", "pool").exitCode())
                .isZero();
        CliRun fromPool = CliRun.of("select", project.toString(), "--strategy", "margin", "-n", "5", "--tag", "y", "--pool",
                "pool", "--json");
        assertThat(fromPool.exitCode()).as(fromPool.err()).isZero();
        JsonNode p = JSON.readTree(fromPool.out());
        assertThat(p.at("/pool/description").asText()).isEqualTo("the 2 images tagged 'pool'");
        assertThat(p.get("chosen").size()).isEqualTo(2);

        CliRun noTag = CliRun.of("select", project.toString(), "--strategy", "margin", "-n", "1", "--tag", "z", "--pool", "nope");
        assertThat(noTag.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noTag.err()).contains("no image is tagged 'nope'");
        CliRun noEmbeddings = CliRun.of("select", project.toString(), "--strategy", "diversity", "-n", "1", "--tag", "z");
        assertThat(noEmbeddings.err()).contains("no image embeddings").contains("loupe embed");
        CliRun bad = CliRun.of("select", project.toString(), "--strategy", "coin", "-n", "1", "--tag", "z");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown strategy 'coin'");
    }

    /** Diversity: without a model, from the embeddings; the labelled images' colours are avoided. */
    @Test
    void diversityAndHybridUseTheEmbeddings() throws Exception {
        Path project = project();
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--no-objects", "--threads", "2").exitCode())
                .isZero();
        CliRun d = CliRun.of("select", project.toString(), "--strategy", "diversity", "-n", "2", "--tag", "d", "--json");
        assertThat(d.exitCode()).as(d.err()).isZero();
        JsonNode s = JSON.readTree(d.out());
        assertThat(s.get("model").asText()).startsWith("fallback");
        assertThat(s.get("chosen").size()).isEqualTo(2);
        assertThat(s.get("chosen").get(0).get("score").asDouble()).isEqualTo(1.0);
        CliRun again = CliRun.of("select", project.toString(), "--strategy", "diversity", "-n", "2", "--tag", "d2", "--json");
        assertThat(JSON.readTree(again.out()).get("chosen")).as("seeded").isEqualTo(s.get("chosen"));
        Path csv = tmp.resolve("h.csv");
        Files.writeString(csv, "image,a,b\ns6.png,0.5,0.5\ns7.png,0.9,0.1\ns8.png,0.7,0.3\ns9.png,0.8,0.2\n");
        assertThat(CliRun.of("predictions", "import", project.toString(), csv.toString(), "--name", "cls", "--no-metrics").exitCode()).isZero();
        CliRun h = CliRun.of("select", project.toString(), "--strategy", "hybrid", "-n", "4", "--tag", "h", "--json");
        assertThat(h.exitCode()).as(h.err()).isZero();
        JsonNode hj = JSON.readTree(h.out());
        assertThat(hj.get("chosen").size()).isEqualTo(4);
        assertThat(hj.get("chosen").get(0).get("path").asText()).as("each image its own cluster: most uncertain first")
                .isEqualTo("s6.png");
    }

    /** Reads one image metric by path through 'metrics export'. */
    private Map<String, String> imageMetric(Path project, String metric) throws Exception {
        Path out = tmp.resolve("m-" + metric + ".csv");
        CliRun r = CliRun.of("metrics", "export", project.toString(), "--scope", "image", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        List<String> head = List.of(lines.get(0).split(","));
        int path = head.indexOf("path");
        int col = head.indexOf(metric);
        assertThat(col).as(head.toString()).isGreaterThanOrEqualTo(0);
        Map<String, String> values = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (!cells[col].isEmpty()) {
                values.put(cells[path], cells[col]);
            }
        }
        return values;
    }

    private static String det(long imageId, int category, double score, int x) {
        return "{\"image_id\":" + imageId + ",\"category_id\":" + category + ",\"bbox\":[" + x + ",2,10,10],\"score\":" + score + "}";
    }

    /** s0..s9 (ids 1..10), each a different flat colour with a square; s0-s5 labelled a (odd) or b (even). */
    private Path project() throws Exception {
        Path images = tmp.resolve("images");
        Files.createDirectories(images);
        StringBuilder imgs = new StringBuilder();
        StringBuilder anns = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.getHSBColor(i / 10f, 0.8f, 0.3f + 0.07f * i));
            g.fillRect(0, 0, 40, 40);
            g.setColor(Color.WHITE);
            g.fillRect(2 + i, 2, 10, 10);
            g.dispose();
            ImageIO.write(img, "png", images.resolve("s" + i + ".png").toFile());
            imgs.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"file_name\":\"s").append(i)
                    .append(".png\",\"width\":40,\"height\":40}");
            if (i < 6) {
                anns.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"image_id\":").append(i + 1)
                        .append(",\"category_id\":").append(i % 2 + 1).append(",\"bbox\":[").append(2 + i)
                        .append(",2,10,10],\"area\":100,\"iscrowd\":0}");
            }
        }
        Path coco = tmp.resolve("coco.json");
        Files.writeString(coco, "{\"images\":[" + imgs + "],\"annotations\":[" + anns + "],\"categories\":["
                + "{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]}");
        Path project = tmp.resolve("p");
        CliRun init = CliRun.of("init", project.toString(), "--images", images.toString(), "--coco", coco.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return project;
    }
}
