package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.plugins.ClassListFormat;
import dev.loupe.cli.plugins.CocoAgainFormat;
import dev.loupe.cli.plugins.MeanColourModel;
import dev.loupe.cli.plugins.SecondCoco;
import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.predictions.PredictionFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI chooses importers, prediction readers and embedding models by id through one registry each: the built-ins'
 * own options give what --format ID gives, unknown ids list the known ones, and plugin jars in --plugins DIR or
 * PROJECT/plugins are seen. The plugin jars here hold only service files; their classes come from the test classes.
 */
class PluginExtensionsTest {
    static final Path VOC100 = CliRun.shared().resolve("data/voc100");
    private static final Pattern CREATED = Pattern.compile("Created .*?: (\\d+ images, .*?, \\d+ issues \\(\\S+ import), [0-9.]+ s\\)");

    @TempDir
    Path tmp;

    @Test
    void formatIdGivesWhatTheFormatsOwnOptionGives() {
        String images = VOC100.resolve("images").toString();
        String voc = VOC100.resolve("gts/pascalvoc_format").toString();
        CliRun own = CliRun.of("init", tmp.resolve("own").toString(), "--images", images, "--voc", voc);
        CliRun byId = CliRun.of("init", tmp.resolve("by-id").toString(), "--images", images, "--format", "voc", "--labels", voc);
        assertThat(own.exitCode()).as(own.err()).isZero();
        assertThat(byId.exitCode()).as(byId.err()).isZero();
        assertThat(created(byId.out())).isEqualTo(created(own.out())).startsWith("100 images");
        assertThat(byId.out().lines().skip(1).toList()).isEqualTo(own.out().lines().skip(1).map(l -> l.replace("own", "by-id")).toList());
        assertThat(CliRun.of("info", tmp.resolve("by-id").toString()).out().replace("by-id", "X"))
                .isEqualTo(CliRun.of("info", tmp.resolve("own").toString()).out().replace("own", "X"));
    }

    @Test
    void unknownIdsAreUsageErrorsListingTheKnownOnes() {
        String images = VOC100.resolve("images").toString();
        CliRun init = CliRun.of("init", tmp.resolve("p").toString(), "--images", images, "--format", "nope", "--labels", images);
        assertThat(init.exitCode()).isEqualTo(2);
        assertThat(init.err()).contains("unknown dataset format 'nope'; available: coco, voc, yolo, folders, masks, boxes-json");

        CliRun noLabels = CliRun.of("init", tmp.resolve("p").toString(), "--images", images, "--format", "coco");
        assertThat(noLabels.exitCode()).isEqualTo(2);
        assertThat(noLabels.err()).contains("format coco needs --labels FILE (the COCO file)");
        CliRun labelsAlone = CliRun.of("init", tmp.resolve("p").toString(), "--images", images, "--voc", images, "--labels", images);
        assertThat(labelsAlone.exitCode()).isEqualTo(2);
        assertThat(labelsAlone.err()).contains("--labels goes with --format ID");
        CliRun folderForFile = CliRun.of("init", tmp.resolve("p").toString(), "--images", images, "--format", "coco", "--labels", images);
        assertThat(folderForFile.exitCode()).isEqualTo(3);
        assertThat(folderForFile.err()).contains("--labels expects a COCO file, but " + images + " is a folder (for a folder "
                + "use --voc, --yolo, --masks, --boxes-json)");
        assertThat(tmp.resolve("p")).doesNotExist();

        Path project = vocProject("q");
        CliRun predictions = CliRun.of("predictions", "import", project.toString(),
                VOC100.resolve("coco_dets_from_abs_xywh.json").toString(), "--name", "x", "--format", "nope");
        assertThat(predictions.exitCode()).isEqualTo(2);
        assertThat(predictions.err()).contains("unknown prediction format 'nope'; available: coco, yolo, classification-csv");
        CliRun embed = CliRun.of("embed", project.toString(), "--model", "nope");
        assertThat(embed.exitCode()).isEqualTo(3);
        assertThat(embed.err()).contains("unknown embedding model 'nope': use mobilenet, mobilenet-pooled, fallback or onnx:PATH");
    }

    @Test
    void formatsListsTheBuiltInsThenThePlugins() throws IOException {
        CliRun builtIns = CliRun.of("formats");
        assertThat(builtIns.exitCode()).as(builtIns.err()).isZero();
        assertThat(builtIns.out()).contains("Dataset formats (loupe init PROJECT --images DIR --format ID [--labels PATH]):")
                .contains("  coco --labels FILE").contains("  folders  ").contains("  onnx:PATH  ")
                .doesNotContain("test-");
        Path plugins = plugins(tmp.resolve("plugins"));
        CliRun with = CliRun.of("formats", "--plugins", plugins.toString());
        assertThat(with.out()).contains("  test-class-list --labels FILE").contains("  test-coco-again  ")
                .contains("  test-mean-colour  ");
        assertThat(with.out().indexOf("boxes-json")).isLessThan(with.out().indexOf("test-class-list"));
        CliRun json = CliRun.of("formats", "--json");
        assertThat(json.out()).contains("\"point\" : \"embedding-model\"").contains("\"usage\" : \"onnx:PATH\"");
    }

    @Test
    void pluginFormatsAndModelsAreSeen() throws IOException {
        Path plugins = plugins(tmp.resolve("plugins"));
        String images = VOC100.resolve("images").toString();
        Path list = Files.writeString(tmp.resolve("list.csv"), "2007_000027.jpg,person\n2007_000032.jpg,aeroplane\n"
                + "2007_000033.jpg,aeroplane\n");
        CliRun without = CliRun.of("init", tmp.resolve("p").toString(), "--images", images, "--format", "test-class-list",
                "--labels", list.toString());
        assertThat(without.exitCode()).isEqualTo(2);
        CliRun init = CliRun.of("init", tmp.resolve("p").toString(), "--images", images, "--plugins", plugins.toString(),
                "--format", "test-class-list", "--labels", list.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(created(init.out())).isEqualTo("3 images, 3 annotations, 0 issues (test-class-list import");

        Path project = vocProject("voc");
        Path dets = VOC100.resolve("coco_dets_from_abs_xywh.json");
        CliRun builtIn = CliRun.of("predictions", "import", project.toString(), dets.toString(), "--name", "a", "--no-metrics");
        assertThat(builtIn.exitCode()).as(builtIn.err()).isZero();
        CliRun notYet = CliRun.of("predictions", "import", project.toString(), dets.toString(), "--name", "b",
                "--format", "test-coco-again", "--no-metrics");
        assertThat(notYet.exitCode()).isEqualTo(2);
        plugins(project.resolve("plugins"));
        CliRun plugin = CliRun.of("predictions", "import", project.toString(), dets.toString(), "--name", "b",
                "--format", "test-coco-again", "--no-metrics");
        assertThat(plugin.exitCode()).as(plugin.err()).isZero();
        assertThat(plugin.out().lines().findFirst().orElseThrow().replaceFirst(" in [0-9.]+ s", ""))
                .isEqualTo(builtIn.out().lines().findFirst().orElseThrow().replaceFirst(" in [0-9.]+ s", "").replace("\"a\"", "\"b\""));

        CliRun embed = CliRun.of("embed", project.toString(), "--model", "test-mean-colour", "--no-objects");
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        assertThat(embed.out()).contains("Embedded 100 of 100 images").contains("test-mean-colour@1");
    }

    @Test
    void aPluginThatClaimsABuiltInIdFailsNamingBothClasses() throws IOException {
        Path plugins = jar(tmp.resolve("dup"), Map.of(DatasetFormat.class, SecondCoco.class.getName()));
        CliRun r = CliRun.of("formats", "--plugins", plugins.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("dataset format id 'coco' is declared twice: by dev.loupe.formats.coco.CocoFormat (")
                .contains(") and by " + SecondCoco.class.getName() + " (").doesNotContain("Exception");
    }

    private static String created(String out) {
        Matcher m = CREATED.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    private Path vocProject(String name) {
        Path project = tmp.resolve(name);
        CliRun init = CliRun.of("init", project.toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", VOC100.resolve("gts/coco_format_v1/instances_default.json").toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return project;
    }

    /** A plugins folder with one jar listing the test's format, prediction format and model. */
    private static Path plugins(Path folder) throws IOException {
        return jar(folder, Map.of(DatasetFormat.class, ClassListFormat.class.getName(),
                PredictionFormat.class, CocoAgainFormat.class.getName(),
                EmbeddingModelFactory.class, MeanColourModel.class.getName()));
    }

    private static Path jar(Path folder, Map<Class<?>, String> services) throws IOException {
        Files.createDirectories(folder);
        try (OutputStream file = Files.newOutputStream(folder.resolve("test-plugin.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            for (Map.Entry<Class<?>, String> e : services.entrySet()) {
                jar.putNextEntry(new JarEntry("META-INF/services/" + e.getKey().getName()));
                jar.write((e.getValue() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return folder;
    }
}
