package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a user takes: 'init --coco' on the pycocotools test vector, 'predictions import'
 * of its box and mask results, 'eval --json': the 12 statistics equal pycocotools' full-precision
 * values from shared/reference/README.md (bbox and segm; required to 1e-6).
 */
class CocoReferenceEndToEndTest {
    static final Path REF = CliRun.shared().resolve("reference");
    static final String[] NAMES = dev.loupe.app.eval.EvalJson.SUMMARY_NAMES.toArray(new String[0]);

    @TempDir
    Path tmp;

    @Test
    void boxAndMaskResultsReproducePycocotoolsThroughTheStore() throws Exception {
        Path project = tmp.resolve("coco100");
        Path images = Files.createDirectories(tmp.resolve("images")); // the test vector ships no images
        CliRun init = CliRun.of("init", project.toString(), "--images", images.toString(), "--coco",
                REF.resolve("cocoeval/instances_val2014_100.json").toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        check(project, "bbox", "instances_val2014_fakebbox100_results.json", "bbox");
        check(project, "segm", "instances_val2014_fakesegm100_results.json", "segm");
    }

    private void check(Path project, String name, String results, String type) throws Exception {
        CliRun imp = CliRun.of("predictions", "import", project.toString(), REF.resolve("cocoeval/" + results).toString(),
                "--name", name, "--no-metrics");
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("outcomes matched on " + type).doesNotContain("issues");
        CliRun eval = CliRun.of("eval", project.toString(), "--predictions", name, "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(eval.out()).get("summary");
        double[] expected = reference(type);
        for (int i = 0; i < NAMES.length; i++) {
            assertThat(summary.get(NAMES[i]).asDouble()).as("%s %s", type, NAMES[i]).isCloseTo(expected[i], within(1e-6));
        }
    }

    /** The full-precision statistics printed in the reference README ("bbox: 0.50... 0.69..."). */
    private static double[] reference(String type) throws Exception {
        List<String> lines = Files.readAllLines(REF.resolve("README.md"));
        String line = lines.stream().filter(l -> l.startsWith(type + ": ")).findFirst().orElseThrow();
        String[] parts = line.substring(type.length() + 2).trim().split("\\s+");
        assertThat(parts).hasSize(12);
        double[] out = new double[12];
        for (int i = 0; i < 12; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }
}
