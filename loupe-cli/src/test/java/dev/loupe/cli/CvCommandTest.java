package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Prediction;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
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

    /**
     * A case small enough to check by hand: twelve images, each with a red and a blue square; the
     * red square of image 0 is labelled blue. Every object gets one prediction per class on its own
     * box, its probabilities sum to 1 (none below 0.001 here is dropped beyond that), and the
     * mislabelled square is the first issue, suggested red.
     */
    @Test
    void cropsOfADetectionProjectBecomeBoxPredictionsOnTheirOwnBoxes() throws Exception {
        Path coco = squares(tmp.resolve("squares"), false);
        Path images = tmp.resolve("squares");
        Path project = tmp.resolve("sq");
        assertThat(CliRun.of("init", project.toString(), "--images", images.toString(), "--coco", coco.toString())
                .exitCode()).isZero();
        CliRun noEmbeddings = CliRun.of("cv", project.toString());
        assertThat(noEmbeddings.err()).contains("no object-crop embeddings");
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--threads", "2").exitCode()).isZero();
        CliRun cv = CliRun.of("cv", project.toString(), "--folds", "3");
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("Stored prediction set \"loupe-cv\" (detection): out-of-fold probabilities of 24 "
                + "objects").contains("not localisation");

        try (ProjectStore store = ProjectStore.open(project)) {
            PredictionSetInfo set = store.predictions().set("loupe-cv");
            assertThat(set.kind()).isEqualTo("detection");
            // The dimension printed is the crops' (a model's crop vectors may be shorter than its image vectors).
            int model = store.embeddings().models().get(0).id();
            assertThat(cv.out()).contains("(" + store.embeddings().objectVectors(model).vectors()[0].length + " dimensions)");
            Map<String, Annotation> byBox = new HashMap<>();
            store.labels().forEachAnnotation(a -> byBox.put(a.imageId() + "@" + a.geometry().box().x(), a));
            Map<Long, Double> sums = new HashMap<>();
            Map<Long, Map<Integer, Double>> red = new HashMap<>();
            List<Prediction> all = new ArrayList<>();
            store.predictions().forEach(set.id(), all::add);
            for (Prediction p : all) {
                Annotation a = byBox.get(p.imageId() + "@" + p.geometry().box().x());
                assertThat(p.geometry().box()).isEqualTo(a.geometry().box());
                assertThat(p.score()).isGreaterThanOrEqualTo(CvPredictionSet.MIN_CROP_PROBABILITY);
                sums.merge(a.id(), p.score(), Double::sum);
                red.computeIfAbsent(a.id(), k -> new HashMap<>()).put(p.categoryId(), p.score());
            }
            assertThat(sums).hasSize(24);
            sums.values().forEach(v -> assertThat(v).isBetween(1 - 2 * CvPredictionSet.MIN_CROP_PROBABILITY, 1 + 1e-9));
            // The mislabelled red square (annotation 1) looks red to a model that never saw it.
            assertThat(red.get(1L).getOrDefault(1, 0.0)).isGreaterThan(0.5);
        }
        CliRun issues = CliRun.of("issues", project.toString(), "--set", "loupe-cv", "--kind", "label", "--json");
        assertThat(issues.exitCode()).as(issues.err()).isZero();
        JsonNode first = new ObjectMapper().readTree(issues.out()).get(0);
        assertThat(first.get("kind").asText()).isEqualTo("wrong_class");
        assertThat(first.get("annotationId").asLong()).isEqualTo(1);
        assertThat(first.get("suggestedLabel").asText()).isEqualTo("red");
        // loupe cv's set is read back as class probabilities per object: confident learning ranks them by default
        assertThat(first.get("source").asText()).isEqualTo("confident_learning");
        assertThat(first.get("predictionSet").asText()).isEqualTo("loupe-cv");
        CliRun objectLab = CliRun.of("issues", project.toString(), "--set", "loupe-cv", "--kind", "label", "--method", "objectlab",
                "--json");
        assertThat(objectLab.exitCode()).as(objectLab.err()).isZero();
        JsonNode firstOfObjectLab = new ObjectMapper().readTree(objectLab.out()).get(0);
        assertThat(firstOfObjectLab.get("source").asText()).isEqualTo("objectlab");
        assertThat(firstOfObjectLab.get("annotationId").asLong()).isEqualTo(1);
        CliRun eval = CliRun.of("eval", project.toString(), "--predictions", "loupe-cv", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
    }

    /** Twelve 64 x 64 images, each with a red and a blue square; image 0's red square labelled blue. */
    private Path squares(Path images, boolean polygons) throws Exception {
        Files.createDirectories(images);
        StringBuilder anns = new StringBuilder();
        StringBuilder imgs = new StringBuilder();
        int annId = 0;
        for (int i = 0; i < 12; i++) {
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.GRAY);
            g.fillRect(0, 0, 64, 64);
            g.setColor(Color.RED);
            g.fillRect(4, 4, 24, 24);
            g.setColor(Color.BLUE);
            g.fillRect(36, 36, 24, 24);
            g.dispose();
            ImageIO.write(img, "png", images.resolve("s" + i + ".png").toFile());
            imgs.append(i == 0 ? "" : ",").append(String.format("{\"id\":%d,\"file_name\":\"s%d.png\",\"width\":64,"
                    + "\"height\":64}", i + 1, i));
            int redLabel = i == 0 ? 2 : 1;
            anns.append(i == 0 ? "" : ",").append(String.format("{\"id\":%d,\"image_id\":%d,\"category_id\":%d,"
                    + "\"bbox\":[4,4,24,24],\"area\":576,\"iscrowd\":0%s},", ++annId, i + 1, redLabel, polygons
                    ? ",\"segmentation\":[[4,4,28,4,28,28,4,28]]" : ""))
                    .append(String.format("{\"id\":%d,\"image_id\":%d,\"category_id\":2,\"bbox\":[36,36,24,24],"
                            + "\"area\":576,\"iscrowd\":0%s}", ++annId, i + 1, polygons
                            ? ",\"segmentation\":[[36,36,60,36,60,60,36,60]]" : ""));
        }
        Path coco = images.resolveSibling(images.getFileName() + ".json");
        Files.writeString(coco, "{\"images\":[" + imgs + "],\"annotations\":[" + anns + "],\"categories\":["
                + "{\"id\":1,\"name\":\"red\"},{\"id\":2,\"name\":\"blue\"}]}");
        return coco;
    }

    /** Polygons (a segmentation project) are classified on their bounding boxes, the same way. */
    @Test
    void segmentationProjectGetsADetectionSetOnTheBoundingBoxes() throws Exception {
        Path coco = squares(tmp.resolve("poly"), true);
        Path project = tmp.resolve("pp");
        assertThat(CliRun.of("init", project.toString(), "--images", tmp.resolve("poly").toString(), "--coco",
                coco.toString()).exitCode()).isZero();
        assertThat(CliRun.of("info", project.toString(), "--json").out()).contains("\"polygon\" : 24");
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--threads", "2").exitCode()).isZero();
        CliRun cv = CliRun.of("cv", project.toString(), "--folds", "3");
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("(detection): out-of-fold probabilities of 24 objects");
        CliRun eval = CliRun.of("eval", project.toString(), "--predictions", "loupe-cv", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("\"iouType\" : \"bbox\"");
    }

    /** The crops of a ten-image BCCD slice: a detection set that eval and issues read like an imported one. */
    @Test
    void bccdSliceGetsADetectionSet() throws Exception {
        Path data = tmp.resolve("bccd");
        Files.createDirectories(data.resolve("JPEGImages"));
        Files.createDirectories(data.resolve("Annotations"));
        List<Path> xmls;
        try (Stream<Path> files = Files.list(EmbedTest.BCCD.resolve("Annotations"))) {
            xmls = files.filter(f -> f.toString().endsWith(".xml")).sorted().limit(10).toList();
        }
        for (Path xml : xmls) {
            String stem = xml.getFileName().toString().replace(".xml", "");
            Files.copy(xml, data.resolve("Annotations").resolve(xml.getFileName()));
            Files.copy(EmbedTest.BCCD.resolve("JPEGImages").resolve(stem + ".jpg"),
                    data.resolve("JPEGImages").resolve(stem + ".jpg"));
        }
        Path project = tmp.resolve("b");
        assertThat(CliRun.of("init", project.toString(), "--images", data.resolve("JPEGImages").toString(), "--voc",
                data.toString()).exitCode()).isZero();
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--threads", "2").exitCode()).isZero();
        CliRun cv = CliRun.of("cv", project.toString());
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("(detection)").contains("crop embeddings");
        CliRun images = CliRun.of("cv", project.toString(), "--items", "images", "--name", "img");
        assertThat(images.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(images.err()).contains("too few images with exactly one image-level label");
        JsonNode ev = new ObjectMapper().readTree(CliRun.of("eval", project.toString(), "--predictions", "loupe-cv",
                "--json").out());
        assertThat(ev.toString()).contains("\"iouType\":\"bbox\"");
        CliRun issues = CliRun.of("issues", project.toString(), "--json", "--limit", "0");
        assertThat(issues.exitCode()).as(issues.err()).isZero();
        for (JsonNode e : new ObjectMapper().readTree(issues.out())) {
            if (e.get("source").asText().equals("objectlab") || e.get("source").asText().equals("confident_learning")) {
                assertThat(e.get("predictionSet").asText()).isEqualTo("loupe-cv");
            }
        }
    }
}
