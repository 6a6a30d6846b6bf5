package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe issues} on voc100 with its detections and on a classification project; the JSON shape is pinned. */
class IssuesCommandTest {
    static final Path VOC100 = CliRun.shared().resolve("data/voc100");
    static final List<String> FIELDS = List.of("rank", "kind", "source", "predictionSet", "image", "annotationId", "box",
            "givenLabel", "suggestedLabel", "score", "reason");

    @TempDir
    Path tmp;

    @Test
    void voc100DetectionIssuesFlagCleanlabsImages() throws Exception {
        Path project = tmp.resolve("voc100");
        assertThat(CliRun.of("init", project.toString(), "--images", VOC100.resolve("images").toString(), "--coco",
                VOC100.resolve("gts/coco_format_v1/instances_default.json").toString()).exitCode()).isZero();
        CliRun none = CliRun.of("issues", project.toString(), "--kind", "label");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).contains("no prediction set").contains("loupe predictions import");
        assertThat(CliRun.of("predictions", "import", project.toString(), VOC100.resolve("coco_dets_from_abs_xywh.json")
                .toString(), "--name", "det", "--no-metrics").exitCode()).isZero();

        CliRun run = CliRun.of("issues", project.toString(), "--kind", "label", "--limit", "0", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode entries = new ObjectMapper().readTree(run.out());
        Set<String> flagged = new TreeSet<>();
        double previous = -1;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            assertThat(fieldNames(e)).isEqualTo(FIELDS);
            assertThat(e.get("rank").asInt()).isEqualTo(i + 1);
            if (e.get("source").asText().equals("objectlab")) {
                assertThat(e.get("predictionSet").asText()).isEqualTo("det");
                assertThat(e.get("score").asDouble()).isGreaterThanOrEqualTo(previous);
                previous = e.get("score").asDouble();
                flagged.add(e.get("image").asText());
            }
        }
        // the images cleanlab's object_detection.filter.find_label_issues flags on the same data
        Set<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(CliRun.shared().resolve("reference/cleanlab/detection/expected_image_scores.csv"))
                .subList(1, 101)) {
            String[] f = line.split(",");
            if (f[3].equals("1")) {
                expected.add(f[1]);
            }
        }
        assertThat(flagged).isEqualTo(expected).hasSize(13);
        assertThat(entries.findValuesAsText("kind")).contains("missing_label", "badly_located");

        CliRun text = CliRun.of("issues", project.toString(), "--limit", "5");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("label issues from prediction set \"det\" (objectlab)").contains("rank")
                .contains("showing the first 5");
    }

    @Test
    void classificationIssuesAndBadRows() throws Exception {
        Path images = CliRun.shared().resolve("data/encord-examples/classification");
        Path project = tmp.resolve("p");
        assertThat(CliRun.of("init", project.toString(), "--images", images.toString(), "--folders").exitCode()).isZero();
        StringBuilder csv = new StringBuilder("image,horse,cat,dog\n");
        for (int i = 1; i <= 7; i++) {   // cat/7 looks like a dog to the model
            csv.append("cat/").append(i).append(".jpg,").append(i == 7 ? "0.02,0.03,0.95" : "0.1,0.8,0.1").append('\n');
        }
        for (int i = 1; i <= 9; i++) {
            csv.append("dog/").append(i).append(".jpg,0.1,0.1,0.8\n");
        }
        for (int i = 1; i <= 12; i++) {
            csv.append("horse/").append(i).append(i == 1 ? ".jpg" : ".jpeg").append(",0.9,0.05,0.05\n");
        }
        Path file = tmp.resolve("probs.csv");
        Files.writeString(file, csv);
        assertThat(CliRun.of("predictions", "import", project.toString(), file.toString(), "--name", "clf").exitCode())
                .isZero();
        CliRun run = CliRun.of("issues", project.toString(), "--kind", "label", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode entries = new ObjectMapper().readTree(run.out());
        assertThat(entries).hasSize(1);
        JsonNode e = entries.get(0);
        assertThat(fieldNames(e)).isEqualTo(FIELDS);
        assertThat(e.get("kind").asText()).isEqualTo("wrong_class");
        assertThat(e.get("source").asText()).isEqualTo("confident_learning");
        assertThat(e.get("image").asText()).isEqualTo("cat/7.jpg");
        assertThat(e.get("givenLabel").asText()).isEqualTo("cat");
        assertThat(e.get("suggestedLabel").asText()).isEqualTo("dog");
        assertThat(e.get("score").asDouble()).isEqualTo(0.03);
        assertThat(e.get("annotationId").isNull()).isTrue();
        assertThat(e.get("reason").asText()).isEqualTo("predicted dog 0.95 on this image labelled cat (0.03)");

        Files.writeString(file, csv.toString().replace("dog/3.jpg,0.1,0.1,0.8", "dog/3.jpg,0.1,0.1,0.7"));
        assertThat(CliRun.of("predictions", "import", project.toString(), file.toString(), "--name", "bad").exitCode())
                .isZero();
        CliRun bad = CliRun.of("issues", project.toString(), "--set", "bad");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("probs.csv: row of image \"dog/3.jpg\"").contains("sum to 0.900000, expected 1");

        CliRun method = CliRun.of("issues", project.toString(), "--set", "clf", "--method", "objectlab");
        assertThat(method.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRun unknown = CliRun.of("issues", project.toString(), "--set", "clf", "--method", "nope");
        assertThat(unknown.err()).contains("prune_by_noise_rate");
    }

    private static List<String> fieldNames(JsonNode e) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
