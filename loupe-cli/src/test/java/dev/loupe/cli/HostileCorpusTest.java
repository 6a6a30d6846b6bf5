package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus of issue 17, generated here (no stored binaries): damaged and unusual
 * images, COCO labels with huge coordinates, invalid RLE, duplicate and unknown ids, non-finite
 * YOLO values, and the same kinds of damage in each prediction format. Each case pins its exact
 * outcome (issue kinds and counts, or exit code and message) and that no stack trace or parser
 * noise reaches the user. The bounded fuzz runs are ParserFuzzTest (formats) and RleDecoderFuzzTest
 * (core); the security, symlink and decompression-bomb cases are in HostileImageFilesTest,
 * SecurityTest and ErrorResponsesTest; all are listed in docs/RELIABILITY.md.
 */
class HostileCorpusTest {
    static final Path VOC_IMAGE = CliRun.shared().resolve("data/voc100/images/2007_000027.jpg"); // 486x500

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.out() + r.err()).as("no stack trace or parser noise reaches the user")
                .doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("[Fatal Error]");
        return r;
    }

    @Test
    void damagedAndUnusualImagesWithBadCocoLabels() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.copy(VOC_IMAGE, images.resolve("a.jpg"));
        Files.write(images.resolve("zero.jpg"), new byte[0]);
        Files.write(images.resolve("cut.jpg"), Arrays.copyOf(Files.readAllBytes(VOC_IMAGE), 500));
        BufferedImage grey16 = new BufferedImage(6, 4, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(1, 1, 0, 40_000);
        ImageIO.write(grey16, "png", images.resolve("grey16.png").toFile());
        byte[] red = {0, (byte) 255};
        byte[] zero = {0, 0};
        byte[] alpha = {0, (byte) 128};
        ImageIO.write(new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, red, zero, zero, alpha)),
                "png", images.resolve("palette-alpha.png").toFile());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB), "png", png);
        Files.write(images.resolve("png-named.jpg"), png.toByteArray());
        Path coco = Files.writeString(tmp.resolve("c.json"), "{\"images\": ["
                + "{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 486, \"height\": 500},"
                + "{\"id\": 2, \"file_name\": \"zero.jpg\", \"width\": 4, \"height\": 4},"
                + "{\"id\": 3, \"file_name\": \"cut.jpg\", \"width\": 486, \"height\": 500},"
                + "{\"id\": 4, \"file_name\": \"grey16.png\", \"width\": 6, \"height\": 4},"
                + "{\"id\": 5, \"file_name\": \"palette-alpha.png\", \"width\": 6, \"height\": 4},"
                + "{\"id\": 6, \"file_name\": \"png-named.jpg\", \"width\": 6, \"height\": 4},"
                + "{\"id\": 6, \"file_name\": \"a.jpg\", \"width\": 486, \"height\": 500}],"
                + "\"categories\": [{\"id\": 1, \"name\": \"cat\"}], \"annotations\": ["
                + "{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1e308, 0, 1e308, 5]},"
                + "{\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"segmentation\": {\"size\": [500, 486], \"counts\": \"!!\"}},"
                + "{\"id\": 3, \"image_id\": 9, \"category_id\": 1, \"bbox\": [0, 0, 5, 5]},"
                + "{\"id\": 4, \"image_id\": 1, \"category_id\": 7, \"bbox\": [0, 0, 5, 5]},"
                + "{\"id\": 5, \"image_id\": 4, \"category_id\": 1, \"bbox\": [1, 1, 2, 2]},"
                + "{\"id\": 5, \"image_id\": 5, \"category_id\": 1, \"bbox\": [1, 1, 2, 2]}]}");
        Path project = tmp.resolve("p");
        CliRun init = run("init", project.toString(), "--images", images.toString(), "--coco", coco.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("6 images, kept 4 of 6 annotations, 8 issues").contains(
                "  box_fully_outside_image    1", "  invalid_value              1", "  unknown_image              1",
                "  duplicate_id               2", "  unreadable_image           2", "  unknown_category           1");
        CliRun info = run("info", project.toString());
        assertThat(info.out()).contains("c.json /annotations/1/segmentation/counts: annotation 2 not imported")
                .contains("invalid character '!' (code 33) at position 0")
                .contains("cut.jpg: cannot read image header");
        CliRun analyze = run("analyze", project.toString(), "--threads", "2");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("Analysed 6 of 6 images with").contains("; 2 failures");
        Path csv = tmp.resolve("i.csv");
        assertThat(run("metrics", "export", project.toString(), "--scope", "image", "-o", csv.toString()).exitCode()).isZero();
        List<String> rows = Files.readAllLines(csv);
        int channels = Arrays.asList(rows.get(0).split(",")).indexOf("image.channels");
        Map<String, String> byPath = new LinkedHashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            byPath.put(cells[1], cells[channels]);
        }
        assertThat(byPath).containsExactly(Map.entry("a.jpg", "3"), Map.entry("zero.jpg", ""), Map.entry("cut.jpg", ""),
                Map.entry("grey16.png", "1"), Map.entry("palette-alpha.png", "4"), Map.entry("png-named.jpg", "3"));
    }

    /** Jackson reads NaN (pycocotools' json module writes it): the box is kept with an error issue. */
    @Test
    void aNanLiteralInCocoIsANonFiniteIssue() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.copy(VOC_IMAGE, images.resolve("a.jpg"));
        Path coco = Files.writeString(tmp.resolve("nan.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", "
                + "\"width\": 486, \"height\": 500}], \"categories\": [{\"id\": 1, \"name\": \"cat\"}], \"annotations\": "
                + "[{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [NaN, 0, 5, 5]}]}");
        CliRun init = run("init", tmp.resolve("p").toString(), "--images", images.toString(), "--coco", coco.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("1 images, 1 annotations, 1 issues").contains("  non_finite_or_negative     1");
    }

    @Test
    void nonFiniteYoloValuesAndDamagedPredictionsInEachFormat() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.copy(VOC_IMAGE, images.resolve("a.jpg"));
        Files.copy(VOC_IMAGE, images.resolve("b.jpg"));
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        Files.writeString(labels.resolve("classes.txt"), "cat\n");
        Files.writeString(labels.resolve("a.txt"), "0 NaN 0.5 0.2 0.1\n0 0.5 0.5 Infinity 0.1\n0 1e308 0.5 0.2 0.1\n"
                + "0 0.5 0.5 0.2 0.1\n");
        Files.writeString(labels.resolve("b.txt"), "0 0.5 0.5 0.2 0.1\n");
        Path project = tmp.resolve("p");
        CliRun init = run("init", project.toString(), "--images", images.toString(), "--yolo", labels.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("2 images, 5 annotations, 3 issues").contains("  non_finite_or_negative     3");

        Path yolo = Files.createDirectories(tmp.resolve("yolo-pred"));
        Files.writeString(yolo.resolve("a.txt"), "0 0.5 0.5 0.2 0.1 0.9\n0 NaN 0.5 0.2 0.1 0.9\n5 0.5 0.5 0.2 0.1 0.9\n");
        CliRun y = run("predictions", "import", project.toString(), yolo.toString(), "--name", "y", "--no-metrics");
        assertThat(y.exitCode()).as(y.err()).isZero();
        assertThat(y.out()).contains("1 predictions, outcomes matched on bbox, kept 1 of 3 predictions")
                .contains("unknown_category=1").contains("non_finite_or_negative=1");

        Path csv = Files.writeString(tmp.resolve("c.csv"), "image,cat\na.jpg,1\nb.jpg,NaN\nzz.jpg,1\n");
        CliRun c = run("predictions", "import", project.toString(), csv.toString(), "--name", "c");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).as("it said 'kept 0 of 2 predictions'").contains("1 images with class probabilities, kept 1 of 3 rows")
                .contains("invalid_value=1").contains("unknown_image=1");

        Path coco = Files.writeString(tmp.resolve("r.json"), "[{\"image_id\": 77, \"category_id\": 1, \"bbox\": [1, 1, 5, 5], "
                + "\"score\": 0.5}]");
        CliRun r = run("predictions", "import", project.toString(), coco.toString(), "--name", "r");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("r.json: kept 0 of 1 predictions; no set was created; the first refused: unknown_image");
        Path nan = Files.writeString(tmp.resolve("n.json"), "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 5, 5], "
                + "\"score\": NaN}]");
        CliRun n = run("predictions", "import", project.toString(), nan.toString(), "--name", "n");
        assertThat(n.exitCode()).isEqualTo(3);
        assertThat(n.err()).contains("n.json");
    }
}
