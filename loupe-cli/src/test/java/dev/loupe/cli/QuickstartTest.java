package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loupe quickstart} on a ten-image slice of the BCCD sample laid out as the sample is
 * (JPEGImages/ and Annotations/), with the model-free embedding to keep it quick: it imports,
 * analyses, embeds, trains Loupe's own classifier on the crops (set loupe-cv), summarises, ranks
 * the top ten issues and names the set the Model quality page shows; a second run reuses the
 * project and has nothing left to do; --no-embed skips the classifier and the ranking and says why.
 */
class QuickstartTest {
    @TempDir
    Path tmp;

    @Test
    void importsAnalysesEmbedsAndResumes() throws IOException {
        Path data = tmp.resolve("sample");
        Files.createDirectories(data.resolve("JPEGImages"));
        Files.createDirectories(data.resolve("Annotations"));
        List<Path> xmls;
        try (Stream<Path> files = Files.list(EmbedTest.BCCD.resolve("Annotations"))) {
            xmls = files.filter(f -> f.toString().endsWith(".xml")).sorted().limit(10).toList();
        }
        for (Path xml : xmls) {
            String stem = xml.getFileName().toString().replace(".xml", "");
            Files.copy(xml, data.resolve("Annotations").resolve(xml.getFileName()));
            Files.copy(EmbedTest.BCCD.resolve("JPEGImages").resolve(stem + ".jpg"), data.resolve("JPEGImages").resolve(stem + ".jpg"));
        }
        Path project = tmp.resolve("projects/sample");
        CliRun first = CliRun.of("quickstart", "--data", data.toString(), "--project", project.toString(), "--embed-model", "fallback");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("10 images").contains("Embedded 10 of 10 images")
                .contains("Stored prediction set \"loupe-cv\" (detection)")
                .contains("Top 10 issues, likeliest first").contains("label issues from prediction set \"loupe-cv\"")
                .contains("wrong_class")
                .contains("The Model quality page shows prediction set \"loupe-cv\" (detection")
                .contains("./loupe serve " + project).contains("./loupe report " + project)
                .contains("./loupe select " + project + " --strategy mean-object-confidence -n 20 --tag next --set loupe-cv");
        assertThat(CliRun.of("select", project.toString(), "--strategy", "mean-object-confidence", "-n", "3", "--tag", "next",
                "--set", "loupe-cv").exitCode()).as("the printed hint works").isZero();
        assertThat(first.out().indexOf("Top 10 issues")).isGreaterThan(first.out().indexOf("Stored prediction set"));
        assertThat(CliRun.of("predictions", "list", project.toString()).out()).contains("loupe-cv").contains("detection");
        assertThat(CliRun.of("info", project.toString(), "--json").out()).contains("image.uniqueness", "annotation.quality",
                "image.embedding_map_x");
        CliRun again = CliRun.of("quickstart", "--data", data.toString(), "--project", project.toString(), "--embed-model", "fallback");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Using the existing project").contains("Embedded 0 of 10 images")
                .contains("Using the existing prediction set \"loupe-cv\"").contains("Top 10 issues");
        CliRun skip = CliRun.of("quickstart", "--data", data.toString(), "--project", project.toString(), "--no-embed");
        assertThat(skip.exitCode()).as(skip.err()).isZero();
        assertThat(skip.out()).doesNotContain("Embedded").doesNotContain("Top 10 issues")
                .contains("Skipped Loupe's own classifier and the label-issue ranking").contains("--no-embed")
                .doesNotContain("./loupe select");
    }

    /**
     * A user's first step: a plain clone of the repository, with no ../shared beside it, holds the
     * sample, and quickstart finds it there by default (the embedding step is covered above).
     */
    @Test
    void aPlainCloneShipsTheSampleAndQuickstartUsesIt() throws Exception {
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path clone = tmp.resolve("clone/loupe");
        Process git = new ProcessBuilder("git", "clone", "--quiet", "--depth", "1", "file://" + repository, clone.toString())
                .redirectErrorStream(true).start();
        String log = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(log).isZero();
        assertThat(clone.resolveSibling("shared")).doesNotExist();
        assertThat(clone.resolve(QuickstartCommand.SAMPLE).resolve("JPEGImages")).isDirectory();
        assertThat(clone.resolve("samples/bccd/LICENSE")).content().contains("MIT License");
        String before = System.getProperty("loupe.home");
        System.setProperty("loupe.home", clone.toString());
        try {
            Path project = tmp.resolve("projects/bccd");
            CliRun r = CliRun.of("quickstart", "--project", project.toString(), "--no-embed");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("364 images").contains("4888 annotations").contains("./loupe serve " + project)
                    .contains("Skipped Loupe's own classifier").contains("no prediction set to show yet");
        } finally {
            if (before == null) {
                System.clearProperty("loupe.home");
            } else {
                System.setProperty("loupe.home", before);
            }
        }
    }
}
