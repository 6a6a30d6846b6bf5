package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** voc100 end to end: init, predictions import (COCO results and YOLO), eval text and JSON. */
class PredictionsAndEvalTest {
    static final Path VOC100 = CliRun.shared().resolve("data/voc100");

    @TempDir
    static Path tmp;
    static Path project;

    @BeforeAll
    static void importVoc100() {
        project = tmp.resolve("voc100");
        CliRun init = CliRun.of("init", project.toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", VOC100.resolve("gts/coco_format_v1/instances_default.json").toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        CliRun imp = CliRun.of("predictions", "import", project.toString(),
                VOC100.resolve("coco_dets_from_abs_xywh.json").toString(), "--name", "det", "--threads", "2");
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("Imported prediction set \"det\" (detection)").contains("452 predictions")
                .contains("Ran 25 annotation metrics on the predictions of 98 images");
    }

    private static JsonNode evalJson(String name, String iou) throws Exception {
        CliRun r = CliRun.of("eval", project.toString(), "--predictions", name, "--iou", iou, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void countsAddUpAndMoveWithTheThreshold() throws Exception {
        JsonNode at50 = evalJson("det", "0.5");
        assertThat(at50.get("images").asInt()).isEqualTo(100);
        assertThat(at50.get("groundTruths").asInt()).isEqualTo(273);
        assertThat(at50.get("detections").asInt()).isEqualTo(452);
        JsonNode o = at50.get("outcomes");
        long tp = o.get("tp").asLong();
        long fp = o.get("fp").asLong();
        assertThat(tp + fp + o.get("ignored").asLong()).isEqualTo(452);
        assertThat(tp + o.get("fn").asLong()).isEqualTo(273);
        long reasons = 0;
        for (JsonNode n : o.get("fpReasons")) {
            reasons += n.asLong();
        }
        assertThat(reasons).isEqualTo(fp);
        long perClassTp = 0;
        for (JsonNode c : at50.get("perClass")) {
            perClassTp += c.get("tp").asLong();
        }
        assertThat(perClassTp).isEqualTo(tp);
        // A stricter threshold can only lose matches.
        JsonNode at75 = evalJson("det", "0.75");
        assertThat(at75.at("/outcomes/tp").asLong()).isLessThan(tp);
        assertThat(at75.at("/outcomes/fpReasons/localisation").asLong())
                .isGreaterThan(at50.at("/outcomes/fpReasons/localisation").asLong());
        assertThat(at75.get("summary")).isEqualTo(at50.get("summary"));
        // Curves: 101 recall points per class at 0.50 and 0.75.
        assertThat(at50.get("prCurves")).hasSize(40);
        assertThat(at50.at("/prCurves/0/precision")).hasSize(101);
        assertThat(at50.at("/summary/AP").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void yoloPredictionsOfTheSameDetectionsGiveTheSameOutcomes(@TempDir Path dir) throws Exception {
        // dets/rel_xywh holds the same detections as "class score cx cy w h" (relative), classes in
        // alphabetical VOC order: move the score to the end to get YOLO's "class cx cy w h conf".
        Path yolo = Files.createDirectories(dir.resolve("yolo"));
        try (var files = Files.list(VOC100.resolve("dets/rel_xywh"))) {
            for (Path f : files.toList()) {
                StringBuilder sb = new StringBuilder();
                for (String line : Files.readAllLines(f)) {
                    String[] t = line.strip().split("\\s+");
                    if (t.length == 6) {
                        sb.append(String.join(" ", t[0], t[2], t[3], t[4], t[5], t[1])).append('\n');
                    }
                }
                Files.writeString(yolo.resolve(f.getFileName()), sb);
            }
        }
        Path names = dir.resolve("voc.names");
        Files.writeString(names, String.join("\n", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat",
                "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
                "train", "tvmonitor"));
        CliRun imp = CliRun.of("predictions", "import", project.toString(), yolo.toString(), "--name", "yolo",
                "--classes", names.toString(), "--no-metrics");
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("452 predictions").doesNotContain("issues");
        JsonNode fromYolo = evalJson("yolo", "0.5");
        JsonNode fromCoco = evalJson("det", "0.5");
        assertThat(fromYolo.get("outcomes")).isEqualTo(fromCoco.get("outcomes"));
        // 6-decimal relative coordinates move boxes by < 0.001 px: AP agrees to 1e-3.
        assertThat(fromYolo.at("/summary/AP").asDouble())
                .isCloseTo(fromCoco.at("/summary/AP").asDouble(), org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void oneResultFilesReplacesByNameAndRecordsUnknownImages(@TempDir Path dir) throws Exception {
        CliRun text = CliRun.of("eval", project.toString(), "--predictions", "det");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("COCO evaluation (pycocotools COCOeval, identical numbers)")
                .contains("Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]")
                .contains("False positives by reason:");
        Path one = dir.resolve("one.json");
        Files.writeString(one, "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 50, 50], \"score\": 0.5},"
                + "{\"image_id\": 4242, \"category_id\": 1, \"bbox\": [1, 1, 50, 50], \"score\": 0.5}]");
        CliRun imp = CliRun.of("predictions", "import", project.toString(), one.toString(), "--name", "tiny", "--no-metrics");
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("1 predictions").contains("1 issues").contains("unknown_image=1");
        CliRun again = CliRun.of("predictions", "import", project.toString(), one.toString(), "--name", "tiny", "--no-metrics");
        assertThat(again.out()).contains("Replaced prediction set \"tiny\"");
        CliRun list = CliRun.of("predictions", "list", project.toString());
        assertThat(list.out()).contains("det").contains("tiny").contains("452");
        assertThat(evalJson("tiny", "0.5").get("detections").asInt()).isEqualTo(1);
    }

    @Test
    void badArgumentsGiveOneLineErrors() {
        CliRun grid = CliRun.of("eval", project.toString(), "--predictions", "det", "--iou", "0.33");
        assertThat(grid.exitCode()).isEqualTo(2);
        assertThat(grid.err()).contains("0.33 is not one of 0.05, 0.10, ..., 0.95");
        CliRun missing = CliRun.of("eval", project.toString(), "--predictions", "nope");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no prediction set named \"nope\"");
        CliRun gtFile = CliRun.of("predictions", "import", project.toString(),
                VOC100.resolve("gts/coco_format_v1/instances_default.json").toString(), "--name", "x");
        assertThat(gtFile.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(gtFile.err()).contains("is this a COCO annotations file?");
    }
}
