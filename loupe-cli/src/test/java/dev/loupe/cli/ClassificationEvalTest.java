package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A classification CSV on the Encord cat/dog/horse folders, with figures computed by hand. */
class ClassificationEvalTest {
    @TempDir
    Path tmp;

    @Test
    void accuracyPerClassScoresTopKAndConfusionByHand() throws Exception {
        Path images = CliRun.shared().resolve("data/encord-examples/classification");
        Path project = tmp.resolve("p");
        CliRun init = CliRun.of("init", project.toString(), "--images", images.toString(), "--folders");
        assertThat(init.exitCode()).as(init.err()).isZero();
        StringBuilder csv = new StringBuilder("image,horse,cat,dog\n");
        for (int i = 1; i <= 7; i++) {   // cat/7 is taken for a dog
            csv.append("cat/").append(i).append(".jpg,").append(i == 7 ? "0.1,0.3,0.6" : "0.1,0.8,0.1").append('\n');
        }
        for (int i = 1; i <= 9; i++) {   // dog/1 and dog/2 are taken for horses
            csv.append("dog/").append(i).append(".jpg,").append(i <= 2 ? "0.5,0.1,0.4" : "0.1,0.1,0.8").append('\n');
        }
        for (int i = 1; i <= 12; i++) {
            csv.append("horse/").append(i).append(i == 1 ? ".jpg" : ".jpeg").append(",0.9,0.05,0.05\n");
        }
        csv.append("nope.jpg,0.9,0.05,0.05\n");
        Path file = tmp.resolve("probs.csv");
        Files.writeString(file, csv);
        CliRun imp = CliRun.of("predictions", "import", project.toString(), file.toString(), "--name", "clf");
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("(classification)").contains("28 images with class probabilities")
                .contains("unknown_image=1");

        CliRun eval = CliRun.of("eval", project.toString(), "--predictions", "clf", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(eval.out());
        assertThat(r.get("items").asInt()).isEqualTo(28);
        assertThat(r.get("accuracy").asDouble()).isCloseTo(25.0 / 28, within(1e-12));
        assertThat(r.at("/topK/1").asDouble()).isCloseTo(25.0 / 28, within(1e-12));
        assertThat(r.at("/topK/2").asDouble()).isEqualTo(1.0);
        for (JsonNode c : r.get("perClass")) {
            switch (c.get("name").asText()) {
                case "cat" -> {
                    assertThat(c.get("precision").asDouble()).isEqualTo(1.0);
                    assertThat(c.get("recall").asDouble()).isCloseTo(6.0 / 7, within(1e-12));
                    assertThat(c.get("support").asLong()).isEqualTo(7);
                }
                case "dog" -> {
                    assertThat(c.get("precision").asDouble()).isCloseTo(7.0 / 8, within(1e-12));
                    assertThat(c.get("recall").asDouble()).isCloseTo(7.0 / 9, within(1e-12));
                    double f1 = 2 * (7.0 / 8) * (7.0 / 9) / (7.0 / 8 + 7.0 / 9);
                    assertThat(c.get("f1").asDouble()).isCloseTo(f1, within(1e-12));
                }
                case "horse" -> {
                    assertThat(c.get("precision").asDouble()).isCloseTo(12.0 / 14, within(1e-12));
                    assertThat(c.get("recall").asDouble()).isEqualTo(1.0);
                }
                default -> throw new AssertionError(c);
            }
        }
        // rows = true class, columns = predicted, both in perClass order
        long[][] expected = new long[3][3];
        String[] names = new String[3];
        for (int i = 0; i < 3; i++) {
            names[i] = r.at("/perClass/" + i + "/name").asText();
        }
        int cat = java.util.Arrays.asList(names).indexOf("cat");
        int dog = java.util.Arrays.asList(names).indexOf("dog");
        int horse = java.util.Arrays.asList(names).indexOf("horse");
        expected[cat][cat] = 6;
        expected[cat][dog] = 1;
        expected[dog][dog] = 7;
        expected[dog][horse] = 2;
        expected[horse][horse] = 12;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(r.at("/confusion/" + i + "/" + j).asLong()).as("confusion %d %d", i, j).isEqualTo(expected[i][j]);
            }
        }
        CliRun text = CliRun.of("eval", project.toString(), "--predictions", "clf");
        assertThat(text.out()).contains("Accuracy 0.8929").contains("Confusion matrix");
    }
}
