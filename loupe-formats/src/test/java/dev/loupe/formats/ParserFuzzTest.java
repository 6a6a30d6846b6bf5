package dev.loupe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Issue;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.masks.InstanceMaskImporter;
import dev.loupe.formats.masks.NormalisedBoxJsonImporter;
import dev.loupe.formats.predictions.ClassificationCsvReader;
import dev.loupe.formats.predictions.CollectingPredictions;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.formats.yolo.YoloImporter;
import dev.loupe.formats.yolo.YoloPredictionReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bounded fuzzing of every label and prediction parser (issue 17): a valid small file of each
 * format, damaged by a few random edits (bytes replaced, cut, or tokens that break parsers: NaN,
 * 1e400, brackets, quotes, NUL, deep nesting), must either import (every problem an issue with a
 * message) or fail with a {@link LoupeException} naming the file; anything else (a runtime
 * exception, an error) would reach the user as a stack trace. Short in CI ({@code
 * jqwik.tries.default} in junit-platform.properties); longer with {@code -Djqwik.tries.default=N}.
 */
class ParserFuzzTest {
    private static final String[] TOKENS = {"NaN", "-Infinity", "1e400", "-1", "0", "9223372036854775808", "null",
        "\"", "{", "}", "[", "]", ",", ":", "<", ">", "</", "&amp;", "\u0000", "\n", "\uFEFF", "é", "[[[[[[[[",
        "{\"a\":{\"a\":{\"a\":", "<a><a><a>", "\"counts\":\"!!\"", "../../etc/passwd", "/dev/zero"};

    static Path dir;
    static Path images;

    @BeforeContainer
    static void images() throws IOException {
        dir = Files.createTempDirectory("loupe-fuzz");
        images = Files.createDirectories(dir.resolve("images"));
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "png", images.resolve("a.png").toFile());
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** One edit of a file: at a relative position, replace a byte, cut the rest, delete a run, or insert a token. */
    record Edit(int kind, double at, int value) {
        byte[] apply(byte[] in) {
            int pos = (int) Math.min(in.length, Math.floor(at * (in.length + 1)));
            return switch (kind) {
                case 0 -> {
                    byte[] out = in.clone();
                    if (pos < out.length) {
                        out[pos] = (byte) value;
                    }
                    yield out;
                }
                case 1 -> java.util.Arrays.copyOf(in, pos);
                case 2 -> {
                    int end = Math.min(in.length, pos + 1 + value % 16);
                    byte[] out = new byte[in.length - (end - pos)];
                    System.arraycopy(in, 0, out, 0, pos);
                    System.arraycopy(in, end, out, pos, in.length - end);
                    yield out;
                }
                default -> {
                    byte[] t = TOKENS[value % TOKENS.length].getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[in.length + t.length];
                    System.arraycopy(in, 0, out, 0, pos);
                    System.arraycopy(t, 0, out, pos, t.length);
                    System.arraycopy(in, pos, out, pos + t.length, in.length - pos);
                    yield out;
                }
            };
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 255)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6);
    }

    private static byte[] damaged(String valid, List<Edit> edits) {
        return damaged(valid.getBytes(StandardCharsets.UTF_8), edits);
    }

    private static byte[] damaged(byte[] valid, List<Edit> edits) {
        byte[] b = valid;
        for (Edit e : edits) {
            b = e.apply(b);
        }
        return b;
    }

    private static Path write(String rel, byte[] content) {
        try {
            Path f = dir.resolve(rel);
            Files.createDirectories(f.getParent());
            Files.write(f, content);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports, or fails naming the file; every issue says something; nothing is printed on stderr. */
    private static void importsOrFailsNaming(String file, Function<Void, List<Issue>> run) {
        java.io.PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            List<Issue> issues = run.apply(null);
            assertThat(issues).allSatisfy(i -> assertThat(i.message()).isNotBlank());
        } catch (LoupeException e) {
            assertThat(e.getMessage()).contains(file);
        } finally {
            System.setErr(err);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("printed on stderr").isEmpty();
    }

    @Property
    void cocoInstances(@ForAll("edits") List<Edit> edits) {
        Path f = write("coco/instances.json", damaged("{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 8, "
                + "\"height\": 6}], \"categories\": [{\"id\": 1, \"name\": \"cat\"}], \"annotations\": [{\"id\": 1, "
                + "\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 2, 2], \"area\": 4, \"iscrowd\": 0}, {\"id\": 2, "
                + "\"image_id\": 1, \"category_id\": 1, \"segmentation\": {\"size\": [6, 8], \"counts\": \"e0200002\"}, "
                + "\"iscrowd\": 1}, {\"id\": 3, \"image_id\": 1, \"category_id\": 1, \"segmentation\": [[0, 0, 3, 0, 3, 3]]}]}",
                edits));
        importsOrFailsNaming("instances.json", v -> CollectingSink.run(new CocoImporter(f, images)).issues);
    }

    @Property
    void vocXml(@ForAll("edits") List<Edit> edits) {
        write("voc/Annotations/a.xml", damaged("<annotation><filename>a.png</filename><size><width>8</width>"
                + "<height>6</height><depth>3</depth></size><object><name>cat</name><difficult>0</difficult><bndbox>"
                + "<xmin>1</xmin><ymin>1</ymin><xmax>4</xmax><ymax>5</ymax></bndbox></object></annotation>", edits));
        importsOrFailsNaming("a.xml", v -> CollectingSink.run(new VocImporter(dir.resolve("voc"), images, null)).issues);
    }

    @Property
    void yoloLabelsAndClasses(@ForAll("edits") List<Edit> labelEdits, @ForAll("edits") List<Edit> classEdits) {
        write("yolo/a.txt", damaged("0 0.5 0.5 0.2 0.1\n1 0.1 0.1 0.3 0.1 0.3 0.3\n0 0.5 0.5 0.2 0.1 0.9\n", labelEdits));
        write("yolo/classes.txt", damaged("cat\ndog\n", classEdits));
        importsOrFailsNaming("yolo", v -> CollectingSink.run(new YoloImporter(dir.resolve("yolo"), images, null)).issues);
    }

    @Property
    void normalisedBoxJson(@ForAll("edits") List<Edit> edits) {
        write("boxes/a.json", damaged("{\"1\": {\"x\": 0.25, \"y\": 0.5, \"w\": 0.25, \"h\": 0.125}}", edits));
        importsOrFailsNaming("a.json", v -> CollectingSink.run(new NormalisedBoxJsonImporter(images, dir.resolve("boxes"))).issues);
    }

    @Property
    void instanceMaskPng(@ForAll("edits") List<Edit> edits) throws IOException {
        BufferedImage mask = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY);
        mask.getRaster().setSample(2, 2, 0, 1);
        mask.getRaster().setSample(5, 3, 0, 2);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(mask, "png", png);
        write("masks/a.png", damaged(png.toByteArray(), edits));
        importsOrFailsNaming("a.png", v -> CollectingSink.run(new InstanceMaskImporter(images, dir.resolve("masks"))).issues);
    }

    @Property
    void cocoResults(@ForAll("edits") List<Edit> edits) {
        Path f = write("results.json", damaged("[{\"image_id\": 11, \"category_id\": 7, \"bbox\": [1, 2, 30, 20], \"score\": 0.9},"
                + " {\"image_id\": 12, \"category_id\": 9, \"segmentation\": {\"size\": [50, 100], \"counts\": \"PPP1\"}, "
                + "\"score\": 0.5}]", edits));
        predictionsOrFailure("results.json", new CocoResultsReader(f));
    }

    @Property
    void yoloPredictions(@ForAll("edits") List<Edit> edits) {
        write("yolopred/sub/img1.txt", damaged("0 0.5 0.5 0.2 0.1 0.9\n1 0.2 0.2 0.1 0.1 0.3\n", edits));
        predictionsOrFailure("img1.txt", new YoloPredictionReader(dir.resolve("yolopred"), null));
    }

    @Property
    void classificationCsv(@ForAll("edits") List<Edit> edits) {
        Path f = write("probs.csv", damaged("image,cat,dog\nsub/img1.jpg,0.25,0.75\nimg2.jpg,1,0\n", edits));
        predictionsOrFailure("probs.csv", new ClassificationCsvReader(f));
    }

    private static void predictionsOrFailure(String file, PredictionReader reader) {
        importsOrFailsNaming(file, v -> {
            CollectingPredictions sink = new CollectingPredictions();
            reader.read(CollectingPredictions.catalog(3), 1, sink);
            List<Issue> issues = new ArrayList<>(sink.issues);
            return issues;
        });
    }
}
