package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests end with a documented exit code and one line naming what is wrong; nothing is created. */
class ExitCodesTest {
    static final Path VOC100 = CliRun.shared().resolve("data/voc100");

    @TempDir
    Path tmp;

    @Test
    void aPluginsFolderThatIsNotThereIsAUsageError() {
        CliRun r = CliRun.of("metrics", "list", "--plugins", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is not a folder");
    }

    @Test
    void invalidCommandLinesExitWith2() {
        assertThat(CliRun.of("init", tmp.resolve("p").toString()).exitCode()).isEqualTo(2);
        CliRun two = CliRun.of("init", tmp.resolve("p").toString(), "--images", tmp.toString(), "--folders",
                "--coco", "x.json");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("mutually exclusive");
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
        for (String size : new String[] {"-5", "0", "100000"}) {
            CliRun embed = CliRun.of("embed", tmp.resolve("p").toString(), "--input-size", size);
            assertThat(embed.exitCode()).as(embed.err()).isEqualTo(2);
            assertThat(embed.err()).contains("input size must be in 1..4096: " + size).doesNotContain("Exception");
        }
        assertThat(tmp.resolve("p")).doesNotExist();
    }

    @Test
    void missingFilesAndFormatMismatchesExitWith3() throws Exception {
        CliRun missing = CliRun.of("init", tmp.resolve("p").toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", tmp.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err().strip()).isEqualTo("loupe: COCO file (--coco) not found: " + tmp.resolve("nope.json"));

        CliRun folderAsCoco = CliRun.of("init", tmp.resolve("p").toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", VOC100.resolve("gts/pascalvoc_format").toString());
        assertThat(folderAsCoco.exitCode()).isEqualTo(3);
        assertThat(folderAsCoco.err()).contains("is a folder").contains("--voc");

        Path notCoco = Files.writeString(tmp.resolve("list.json"), "[]");
        CliRun wrongJson = CliRun.of("init", tmp.resolve("p").toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", notCoco.toString());
        assertThat(wrongJson.exitCode()).isEqualTo(3);
        assertThat(wrongJson.err()).contains("list.json: not a COCO instances file");

        CliRun vocAsYolo = CliRun.of("init", tmp.resolve("p").toString(), "--images", VOC100.resolve("images").toString(),
                "--yolo", VOC100.resolve("gts/pascalvoc_format").toString());
        assertThat(vocAsYolo.exitCode()).isEqualTo(3);
        assertThat(vocAsYolo.err()).contains("no class names file");
        assertThat(tmp.resolve("p")).doesNotExist();
    }

    @Test
    void anExistingProjectExitsWith4AndAMissingOneWith5() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("p"));
        CliRun exists = CliRun.of("init", project.toString(), "--images", VOC100.resolve("images").toString(),
                "--voc", VOC100.resolve("gts/pascalvoc_format").toString());
        assertThat(exists.exitCode()).isEqualTo(4);
        assertThat(exists.err()).contains("already exists");
        CliRun none = CliRun.of("info", tmp.resolve("none").toString());
        assertThat(none.exitCode()).isEqualTo(5);
        assertThat(none.err()).contains("is not a Loupe project");
    }

    @Test
    void strictRefusesLabelsWithErrorsAndCreatesNothing() throws Exception {
        Path json = Files.writeString(tmp.resolve("i.json"), """
                {"images": [{"id": 1, "file_name": "2007_000027.jpg"}], "categories": [{"id": 1, "name": "a"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 5, "bbox": [1, 1, 5, 5]}]}
                """);
        Path project = tmp.resolve("p");
        CliRun strict = CliRun.of("init", project.toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", json.toString(), "--strict");
        assertThat(strict.exitCode()).isEqualTo(3);
        assertThat(strict.err()).contains("--strict: 1 error(s)").contains("unknown_category").contains("/annotations/0/category_id");
        assertThat(project).doesNotExist();
        CliRun lenient = CliRun.of("init", project.toString(), "--images", VOC100.resolve("images").toString(),
                "--coco", json.toString());
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).contains("1 images, 1 annotations, 1 issues").contains("unknown_category");
    }
}
