package dev.loupe.formats.masks;

import dev.loupe.formats.CollectingSink;
import static dev.loupe.formats.masks.MaskFixtures.VOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceMaskImporterTest {
    /** 4 wide, 3 high: instance 1 top-left, instance 2 on the right, 255 (void) at column 1, row 1. */
    private static final int[][] TWO_INSTANCES = {
        {1, 1, 0, 2},
        {1, 255, 0, 2},
        {0, 0, 2, 2},
    };
    private static final Pattern JSON_BOX = Pattern.compile(
            "\"x\": ([0-9.]+), \"y\": ([0-9.]+), \"w\": ([0-9.]+), \"h\": ([0-9.]+)");

    @TempDir
    Path tmp;

    private final Path images = Path.of("images");
    private final Path masks = Path.of("masks");

    @Test
    void importsTheEncordVideoExampleWithCategoriesFromMetaJson() throws IOException {
        CollectingSink sink = new CollectingSink();
        InstanceMaskImporter importer = new InstanceMaskImporter(VOS.resolve("JPEGImages"), VOS.resolve("Annotations"));
        importer.read(sink);

        assertThat(importer.format()).isEqualTo("masks");
        assertThat(sink.categories).extracting(Category::name).containsExactly("shark", "airplane", "elephant");
        assertThat(sink.images).hasSize(21).allSatisfy(image -> {
            assertThat(image.width()).isEqualTo(1280);
            assertThat(image.height()).isEqualTo(720);
        });
        assertThat(sink.annotations).hasSize(21);
        Map<String, Long> perClass = sink.annotations.stream()
                .collect(Collectors.groupingBy(sink::categoryName, Collectors.counting()));
        assertThat(perClass).containsExactlyInAnyOrderEntriesOf(Map.of("shark", 7L, "airplane", 7L, "elephant", 7L));
        assertThat(sink.issues).isEmpty();

        for (Annotation a : sink.annotations) {
            ImageRecord image = sink.image(a.imageId());
            String video = image.path().substring(0, image.path().indexOf('/'));
            assertThat(sink.categoryName(a)).isEqualTo(Map.of("video1", "shark", "video2", "airplane",
                    "video3", "elephant").get(video));
            Geometry.MaskShape mask = (Geometry.MaskShape) a.geometry();
            assertThat(mask.rle().height()).isEqualTo(720);
            assertThat(mask.rle().width()).isEqualTo(1280);
            assertThat(Masks.area(mask.rle())).isPositive();
            assertThat(mask.box()).isEqualTo(Masks.toBox(mask.rle()));
            // The shipped JSON boxes agree with the masks' boxes to about 0.0041 of the image side
            // (measured: x, y, w, h within 0.00412, the right and bottom sides within 0.0042).
            double[] json = jsonBox(VOS.resolve("Annotations").resolve(a.sourceId().replace(".png#1", ".json")));
            Box b = mask.box();
            double[] px = {b.x() / 1280, b.y() / 720, b.w() / 1280, b.h() / 720, b.x2() / 1280, b.y2() / 720};
            double[] js = {json[0], json[1], json[2], json[3], json[0] + json[2], json[1] + json[3]};
            for (int i = 0; i < px.length; i++) {
                assertThat(Math.abs(px[i] - js[i])).as("%s of %s", "x y w h right bottom".split(" ")[i], a.sourceId())
                        .isLessThanOrEqualTo(0.0042);
            }
        }
    }

    @Test
    void paletteMaskUsesPaletteIndicesSkipsVoidAndEncodesColumnMajorRle() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        MaskFixtures.paletteMask(tmp.resolve("masks/v/0.png"), TWO_INSTANCES);
        CollectingSink sink = read();

        // No meta.json: every instance is "object".
        assertThat(sink.categories).extracting(Category::id, Category::name).containsExactly(tuple(1, "object"));
        assertThat(sink.annotations).extracting(Annotation::id, Annotation::sourceId)
                .containsExactly(tuple(1L, "v/0.png#1"), tuple(2L, "v/0.png#2"));
        // Column-major pixel order: index = column * 3 + row.
        // Instance 1 covers indices 0, 1 (column 0, rows 0-1) and 3 (column 1, row 0): runs 0,2,1,1,8.
        Geometry.MaskShape first = (Geometry.MaskShape) sink.annotations.get(0).geometry();
        assertThat(first.rle().counts()).containsExactly(0, 2, 1, 1, 8);
        assertThat(first.box()).isEqualTo(new Box(0, 0, 2, 2));
        // Instance 2 covers indices 8 (column 2, row 2) to 11 (column 3, all rows): runs 8,4.
        Geometry.MaskShape second = (Geometry.MaskShape) sink.annotations.get(1).geometry();
        assertThat(second.rle().counts()).containsExactly(8, 4);
        assertThat(second.box()).isEqualTo(new Box(2, 0, 2, 3));
        assertThat(sink.issues).isEmpty();
    }

    @Test
    void perInstanceRleMatchesTheCodecOnARandomMask() {
        Random random = new Random(7);
        int width = 37;
        int height = 23;
        // 16-bit ids, as in a 16-bit greyscale mask.
        WritableRaster raster = Raster.createBandedRaster(DataBuffer.TYPE_USHORT, width, height, 1, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, random.nextInt(4) == 0 ? 0 : random.nextInt(5) * 300);
            }
        }
        Map<Integer, Rle> split = InstanceMaskDecoder.split(raster, false);
        assertThat(split.keySet()).containsExactly(300, 600, 900, 1200);
        for (Map.Entry<Integer, Rle> e : split.entrySet()) {
            boolean[] rowMajor = new boolean[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    rowMajor[y * width + x] = raster.getSample(x, y, 0) == e.getKey();
                }
            }
            assertThat(e.getValue()).isEqualTo(RleCodec.encodeRowMajor(rowMajor, height, width));
        }
    }

    @Test
    void greyMaskUsesGreyValuesAndKeeps255AsAnInstance() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        MaskFixtures.greyMask(tmp.resolve("masks/v/0.png"), new int[][] {
            {0, 0, 0, 0},
            {7, 7, 0, 255},
            {0, 0, 0, 255},
        });
        CollectingSink sink = read();

        assertThat(sink.annotations).extracting(Annotation::sourceId).containsExactly("v/0.png#7", "v/0.png#255");
        Geometry.MaskShape seven = (Geometry.MaskShape) sink.annotations.get(0).geometry();
        assertThat(seven.rle().counts()).containsExactly(1, 1, 2, 1, 7);
        assertThat(seven.box()).isEqualTo(new Box(0, 1, 2, 1));
        Geometry.MaskShape white = (Geometry.MaskShape) sink.annotations.get(1).geometry();
        assertThat(white.rle().counts()).containsExactly(10, 2);
        assertThat(white.box()).isEqualTo(new Box(3, 1, 1, 2));
        assertThat(sink.issues).isEmpty();
    }

    /** A 16-bit mask with an id per pixel (60 000 instances in 10 KB) made analyze run out of memory. */
    @Test
    void aMaskWithMoreInstancesThanTheLimitIsRefusedAndTheImageKept() throws IOException {
        int w = 300;
        int h = 200;
        MaskFixtures.image(tmp.resolve("images/v/0.png"), w, h);
        java.awt.image.BufferedImage mask = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask.getRaster().setSample(x, y, 0, 1 + y * w + x);
            }
        }
        Files.createDirectories(tmp.resolve("masks/v"));
        javax.imageio.ImageIO.write(mask, "png", tmp.resolve("masks/v/0.png").toFile());
        CollectingSink sink = read();

        assertThat(sink.images).hasSize(1);
        assertThat(sink.annotations).isEmpty();
        assertThat(sink.issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(IssueKind.INVALID_VALUE);
            assertThat(issue.file()).isEqualTo("v/0.png");
            assertThat(issue.message()).startsWith("mask holds 60000 instance ids, more than the 10000 one image may have");
        });
    }

    @Test
    void maskOfAnotherSizeIsSkippedWithSizeMismatch() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 5, 3);
        MaskFixtures.paletteMask(tmp.resolve("masks/v/0.png"), TWO_INSTANCES);
        CollectingSink sink = read();

        assertThat(sink.images).hasSize(1);
        assertThat(sink.annotations).isEmpty();
        assertThat(sink.issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(IssueKind.SIZE_MISMATCH);
            assertThat(issue.file()).isEqualTo("v/0.png");
            assertThat(issue.message()).contains("mask is 4x3", "image v/0.png is 5x3", "1 (3 px), 2 (4 px)");
        });
    }

    @Test
    void corruptMaskIsAMalformedFileAndTheImageIsKept() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        MaskFixtures.paletteMask(tmp.resolve("masks/v/0.png"), TWO_INSTANCES);
        Path mask = tmp.resolve("masks/v/0.png");
        byte[] bytes = Files.readAllBytes(mask);
        Files.write(mask, Arrays.copyOf(bytes, 40));
        CollectingSink sink = read();

        assertThat(sink.images).hasSize(1);
        assertThat(sink.annotations).isEmpty();
        assertThat(sink.issues).extracting(Issue::kind, Issue::itemType, Issue::file)
                .containsExactly(tuple(IssueKind.MALFORMED_FILE, "file", "v/0.png"));
    }

    @Test
    void colourMaskIsRefusedBecauseColoursAreNotIds() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        MaskFixtures.image(tmp.resolve("masks/v/0.png"), 4, 3);
        CollectingSink sink = read();

        assertThat(sink.annotations).isEmpty();
        assertThat(sink.issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(IssueKind.INVALID_VALUE);
            assertThat(issue.message()).contains("expected a palette or greyscale PNG");
        });
    }

    @Test
    void imageWithoutMaskIsImportedUnlabelledAndMaskWithoutImageIsReported() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.jpg"), 4, 3);
        MaskFixtures.paletteMask(tmp.resolve("masks/v/9.png"), TWO_INSTANCES);
        CollectingSink sink = read();

        assertThat(sink.images).extracting(ImageRecord::path).containsExactly("v/0.jpg");
        assertThat(sink.annotations).isEmpty();
        assertThat(sink.issues).extracting(Issue::kind, Issue::itemId, Issue::file).containsExactly(
                tuple(IssueKind.MISSING_LABEL_FILE, sink.images.get(0).id(), "v/0.jpg"),
                tuple(IssueKind.MISSING_IMAGE_FILE, null, "v/9.png"));
        assertThat(sink.issues.get(0).kind().severity()).isEqualTo(IssueKind.Severity.INFO);
        assertThat(sink.issues.get(0).message()).contains("no mask v/0.png");
    }

    @Test
    void instanceMissingFromMetaJsonIsKeptWithoutCategory() throws IOException {
        MaskFixtures.text(tmp.resolve("meta.json"),
                "{\"videos\": {\"v\": {\"objects\": {\"1\": {\"category\": \"fish\", \"frames\": [\"0\"]}}}}}");
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        MaskFixtures.paletteMask(tmp.resolve("masks/v/0.png"), TWO_INSTANCES);
        CollectingSink sink = read();

        assertThat(sink.categories).extracting(Category::name).containsExactly("fish");
        assertThat(sink.annotations).extracting(sink::categoryName).containsExactly("fish", null);
        assertThat(sink.issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(IssueKind.UNKNOWN_CATEGORY);
            assertThat(issue.itemId()).isEqualTo(sink.annotations.get(1).id());
            assertThat(issue.file()).isEqualTo("v/0.png");
            assertThat(issue.message()).contains("instance 2 of video 'v'", "../meta.json");
        });
    }

    @Test
    void companionJsonBoxFarFromTheMaskIsInconsistent() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        MaskFixtures.paletteMask(tmp.resolve("masks/v/0.png"), TWO_INSTANCES);
        // Instance 1 matches [0, 0, 2, 2] px; instance 2 is shifted left by 1 px (0.25 of the width);
        // instance 3 has no pixels.
        MaskFixtures.text(tmp.resolve("masks/v/0.json"), "{\"1\": {\"x\": 0.0, \"y\": 0.0, \"w\": 0.5, \"h\": 0.6667},"
                + " \"2\": {\"x\": 0.25, \"y\": 0.0, \"w\": 0.5, \"h\": 1.0}, \"3\": {\"x\": 0, \"y\": 0, \"w\": 1, \"h\": 1}}");
        CollectingSink sink = read();

        assertThat(sink.annotations).hasSize(2);
        assertThat(sink.issues).extracting(Issue::kind, Issue::itemId, Issue::file, Issue::location).containsExactly(
                tuple(IssueKind.INCONSISTENT_LABELS, 2L, "v/0.json", "/2"),
                tuple(IssueKind.INCONSISTENT_LABELS, null, "v/0.json", "/3"));
        assertThat(sink.issues.get(0).message()).contains("left 0.2500", "right 0.2500", "expected at most 0.01");
    }

    @Test
    void missingMasksFolderIsBadInput() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        assertThatThrownBy(() -> read())
                .isInstanceOf(LoupeException.class)
                .hasMessageContaining(tmp.resolve("masks").toString());
    }

    private CollectingSink read() {
        CollectingSink sink = new CollectingSink();
        new InstanceMaskImporter(tmp.resolve(images), tmp.resolve(masks)).read(sink);
        return sink;
    }

    private static double[] jsonBox(Path file) throws IOException {
        Matcher m = JSON_BOX.matcher(Files.readString(file));
        assertThat(m.find()).as("box in %s", file).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))};
    }
}
