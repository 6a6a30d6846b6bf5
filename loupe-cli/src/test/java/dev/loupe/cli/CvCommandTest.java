package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loupe's own classifier: {@code loupe cv} stores a set; {@code loupe issues} uses it, or trains one itself without a set. */
class CvCommandTest {
    @TempDir
    Path tmp;

    @Test
    void classificationProjectWithoutPredictions() throws Exception {
        Path images = CliRun.shared().resolve("data/encord-examples/classification");
        Path project = tmp.resolve("p");
        assertThat(CliRun.of("init", project.toString(), "--images", images.toString(), "--folders").exitCode()).isZero();
        CliRun noEmbeddings = CliRun.of("cv", project.toString());
        assertThat(noEmbeddings.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noEmbeddings.err()).contains("no image embeddings").contains("loupe embed");
        CliRun hint = CliRun.of("issues", project.toString(), "--kind", "label");
        assertThat(hint.out()).contains("no prediction set and no embeddings").contains("loupe embed");

        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--no-objects", "--threads", "2")
                .exitCode()).isZero();
        CliRun own = CliRun.of("issues", project.toString(), "--kind", "label", "--json");
        assertThat(own.exitCode()).as(own.err()).isZero();
        CliRun ownText = CliRun.of("issues", project.toString(), "--kind", "label");
        assertThat(ownText.out()).contains("Loupe's own classifier (5-fold").contains("image embeddings, 28 items");

        CliRun cv = CliRun.of("cv", project.toString(), "--folds", "4", "--seed", "3");
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("Stored prediction set \"loupe-cv\" (classification): out-of-fold probabilities "
                + "of 28 images, 4-fold");
        CliRun eval = CliRun.of("eval", project.toString(), "--predictions", "loupe-cv", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode ev = new ObjectMapper().readTree(eval.out());
        assertThat(ev.get("items").asInt()).isEqualTo(28);
        assertThat(ev.get("accuracy").asDouble()).isBetween(0.0, 1.0);
        CliRun issues = CliRun.of("issues", project.toString(), "--set", "loupe-cv", "--json", "--limit", "0");
        assertThat(issues.exitCode()).as(issues.err()).isZero();
        for (JsonNode e : new ObjectMapper().readTree(issues.out())) {
            assertThat(e.get("predictionSet").asText()).isEqualTo("loupe-cv");
            assertThat(e.get("source").asText()).isEqualTo("confident_learning");
            assertThat(e.get("score").asDouble()).isBetween(0.0, 1.0);
        }
        CliRun again = CliRun.of("cv", project.toString(), "--folds", "4", "--seed", "3");
        assertThat(again.out()).contains("Replaced prediction set \"loupe-cv\"");
    }

    @Test
    void detectionProjectUsesTheObjectCrops() {
        Path voc100 = CliRun.shared().resolve("data/voc100");
        Path project = tmp.resolve("voc");
        assertThat(CliRun.of("init", project.toString(), "--images", voc100.resolve("images").toString(), "--coco",
                voc100.resolve("gts/coco_format_v1/instances_default.json").toString()).exitCode()).isZero();
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--threads", "2").exitCode()).isZero();
        CliRun issues = CliRun.of("issues", project.toString(), "--kind", "label", "--limit", "3");
        assertThat(issues.exitCode()).as(issues.err()).isZero();
        assertThat(issues.out()).contains("object-crop embeddings, 273 items").contains("wrong_class")
                .contains("Loupe's classifier predicts");
    }
}
