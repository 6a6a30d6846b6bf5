package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No silent failures: a labels file that cannot be read to its end, or an import that keeps
 * nothing, exits non-zero with a message naming the file and position and leaves no project; a
 * partial import says "kept N of M".
 */
class ImportOutcomeTest {
    static final Path VOC100 = CliRun.shared().resolve("data/voc100");

    @TempDir
    Path tmp;

    private Path coco(String json) throws IOException {
        return Files.writeString(tmp.resolve("instances.json"), json);
    }

    private void assertNothingCreated() throws IOException {
        assertThat(tmp.resolve("p")).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    private CliRun init(String... labels) {
        String[] args = Stream.concat(Stream.of("init", tmp.resolve("p").toString(), "--images", VOC100.resolve("images").toString()),
                Stream.of(labels)).toArray(String[]::new);
        return CliRun.of(args);
    }

    @Test
    void aTruncatedCocoFileFailsNamingTheFileAndPositionAndLeavesNoProject() throws IOException {
        String whole = Files.readString(VOC100.resolve("gts/coco_format_v1/instances_default.json"));
        Path cut = coco(whole.substring(0, whole.length() / 2));
        CliRun r = init("--coco", cut.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("loupe: instances.json line ").contains(", column ")
                .contains("the file ends before its JSON is complete (truncated?); nothing was imported")
                .doesNotContain("REDACTED").doesNotContain("StreamReadFeature").doesNotContain("Exception");
        assertThat(r.out()).doesNotContain("Created");
        assertNothingCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--folders", "--masks=gts/pascalvoc_format", "--boxes-json=gts/pascalvoc_format"})
    void anImporterPointedAtTheWrongLayoutFailsEvenWithoutStrict(String option) throws IOException {
        String[] labels = option.contains("=")
                ? new String[] {option.substring(0, option.indexOf('=')), VOC100.resolve(option.substring(option.indexOf('=') + 1)).toString()}
                : new String[] {option};
        for (boolean strict : new boolean[] {false, true}) {
            CliRun r = strict ? init(Stream.concat(Stream.of(labels), Stream.of("--strict")).toArray(String[]::new)) : init(labels);
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).contains("found labels for none of the 100 images").contains("nothing was created");
            assertNothingCreated();
        }
    }

    @Test
    void anImportThatRefusesEveryAnnotationFails() throws IOException {
        Path json = coco("""
                {"categories": [{"id": 1, "name": "a"}], "images": [{"id": 1, "file_name": "2007_000027.jpg"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": "no"},
                                 {"id": 2, "image_id": 7, "category_id": 1, "bbox": [1, 1, 2, 2]}]}
                """);
        CliRun r = init("--coco", json.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("kept 0 of 2 annotations; nothing was created")
                .contains("instances.json /annotations/0/bbox");
        assertNothingCreated();
    }

    @Test
    void aPartialImportSaysKeptNOfM() throws IOException {
        Path json = coco("""
                {"categories": [{"id": 1, "name": "a"}], "images": [{"id": 1, "file_name": "2007_000027.jpg"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2]},
                                 {"id": 2, "image_id": 7, "category_id": 1, "bbox": [1, 1, 2, 2]}]}
                """);
        CliRun r = init("--coco", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(": 1 images, kept 1 of 2 annotations, 1 issues (coco import");
    }
}
