package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private static JsonNode evalJson2(String name, String... options) throws Exception {
        String[] args = new String[4 + options.length + 1];
        args[0] = "eval";
        args[1] = project.toString();
        args[2] = "--predictions";
        args[3] = name;
        System.arraycopy(options, 0, args, 4, options.length);
        args[args.length - 1] = "--json";
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
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
    void theWebApiServesWhatEvalJsonPrints() throws Exception {
        for (String iou : new String[] {"0.5", "0.3"}) {
            JsonNode cli = evalJson("det", iou);
            try (LoupeServer server = LoupeServer.start(project, new ServerOptions(null, 0, null))) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "api/eval?set=det&iou=" + iou)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(r.body())).isEqualTo(cli);
            }
        }
    }

    @Test
    void performanceByMetricImportanceAndWorstSlicesAddUp() throws Exception {
        CliRun analyze = CliRun.of("analyze", project.toString(), "--threads", "2");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        JsonNode ev = evalJson("det", "0.5");
        long detected = 273 - ev.at("/outcomes/fn").asLong();
        JsonNode size = ev.at("/byMetric/recallOfGroundTruths/annotation.relative_area/overall");
        assertThat(size.at("/total/count").asLong()).isEqualTo(273);
        assertThat(size.at("/total/positives").asLong()).isEqualTo(detected);
        long count = size.at("/missing/count").asLong();
        long positives = size.at("/missing/positives").asLong();
        double previousUpper = Double.NEGATIVE_INFINITY;
        for (JsonNode b : size.get("buckets")) {
            count += b.get("count").asLong();
            positives += b.get("positives").asLong();
            assertThat(b.get("rate").asDouble()).isEqualTo((double) b.get("positives").asLong() / b.get("count").asLong());
            assertThat(b.get("wilsonLow").asDouble()).isLessThanOrEqualTo(b.get("rate").asDouble());
            assertThat(b.get("lower").asDouble()).isGreaterThanOrEqualTo(previousUpper);
            previousUpper = b.get("upper").asDouble();
        }
        assertThat(count).isEqualTo(273);
        assertThat(positives).isEqualTo(detected);
        JsonNode score = ev.at("/byMetric/precisionOfPredictions/prediction.score/overall/total");
        assertThat(score.get("count").asLong()).isEqualTo(ev.at("/outcomes/tp").asLong() + ev.at("/outcomes/fp").asLong());
        assertThat(score.get("positives").asLong()).isEqualTo(ev.at("/outcomes/tp").asLong());
        // Importance: every usable metric has a row; the ranking is by forest share.
        JsonNode tp = ev.at("/importance/truePositive");
        assertThat(tp.get("items").asInt()).isEqualTo(452);
        assertThat(tp.get("metrics").size()).isGreaterThan(40);
        assertThat(tp.at("/metrics/0/forestImportance").asDouble())
                .isGreaterThanOrEqualTo(tp.at("/metrics/1/forestImportance").asDouble());
        // The detector's small boxes are mostly false positives: the worst precision slice is about size.
        JsonNode slice = ev.at("/worstSlices/byPrecision/0");
        assertThat(slice.get("description").asText()).startsWith("predictions with annotation.");
        assertThat(slice.get("rate").asDouble()).isLessThan(slice.get("globalRate").asDouble());
        assertThat(slice.get("count").asLong()).isGreaterThanOrEqualTo(ev.at("/worstSlices/precisionMinSupport").asLong());
        // VOC AP of the same boxes: the independent Python implementation gives 0.610912907479439 (all-point).
        JsonNode voc = evalJson2("det", "--voc", "2012");
        assertThat(voc.at("/voc/map").asDouble()).isCloseTo(0.610912907479439, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(evalJson2("det", "--voc", "2007").at("/voc/map").asDouble())
                .isCloseTo(0.6041264369310234, org.assertj.core.api.Assertions.within(1e-12));
        CliRun text = CliRun.of("eval", project.toString(), "--predictions", "det", "--voc", "2012");
        assertThat(text.out()).contains("PASCAL VOC2012 AP at IoU 0.50 (all-point interpolation): mAP 0.6109");
        assertThat(text.out()).contains("Recall of the 273 ground truths by metric")
                .contains("Worst slices by precision (predictions)").contains("Which metrics go with");
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
        // a metric named with --by that the set does not have is an error naming the known ones, not silence
        CliRun typo = CliRun.of("eval", project.toString(), "--predictions", "det", "--by", "image.nope");
        assertThat(typo.exitCode()).isEqualTo(3);
        assertThat(typo.err()).startsWith("loupe: --by image.nope: no such metric").contains("known: ");
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

    /** Every row refused used to leave an empty set (exit 0), and eval then printed zeros. */
    @Test
    void anImportThatRejectsEveryRowFailsAndLeavesTheOlderSet(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.json"), "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 50, 50], "
                + "\"score\": 0.5}, {\"image_id\": 2, \"category_id\": 1, \"bbox\": \"x\", \"score\": 0.5}]");
        CliRun first = CliRun.of("predictions", "import", project.toString(), good.toString(), "--name", "kept", "--no-metrics");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("1 predictions, outcomes matched on bbox, kept 1 of 2 predictions");
        Path boxes = Files.writeString(dir.resolve("bad.json"), "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": \"x\", \"score\": 0.5},"
                + "{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 5, 5]}]");
        Path yolo = Files.createDirectories(dir.resolve("yolo"));
        Files.writeString(yolo.resolve("2007_000027.txt"), "0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.2 0.2\n");
        Path csv = Files.writeString(dir.resolve("p.csv"), "image,person,dog\n2007_000027.jpg,1.5,0.1\n2007_000032.jpg,x,0.1\n");
        for (Path bad : new Path[] {boxes, yolo, csv}) {
            CliRun r = CliRun.of("predictions", "import", project.toString(), bad.toString(), "--name", "kept", "--no-metrics");
            assertThat(r.exitCode()).as(bad + ": " + r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).contains(bad + ": kept 0 of ").contains("no set was created; the first refused: ")
                    .doesNotContain("Exception");
            assertThat(evalJson("kept", "0.5").get("detections").asInt()).isEqualTo(1);
        }
        CliRun none = CliRun.of("predictions", "import", project.toString(), boxes.toString(), "--name", "never", "--no-metrics");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(CliRun.of("predictions", "list", project.toString()).out()).doesNotContain("never");
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
