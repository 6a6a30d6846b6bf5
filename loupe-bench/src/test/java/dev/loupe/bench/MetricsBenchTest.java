package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'loupe bench metrics' runs end to end on a three-image VOC folder and prints every part of its
 * report. A smoke test only: the figures themselves belong to the benchmark, never to a test.
 */
class MetricsBenchTest {
    @TempDir
    Path tmp;

    @Test
    void printsEveryPartOfTheReport() throws Exception {
        Path bccd = BenchRun.BCCD;
        Path voc = tmp.resolve("voc");
        Files.createDirectories(voc.resolve("JPEGImages"));
        Files.createDirectories(voc.resolve("Annotations"));
        for (String name : new String[] {"BloodImage_00000", "BloodImage_00001", "BloodImage_00002"}) {
            Files.copy(bccd.resolve("JPEGImages/" + name + ".jpg"), voc.resolve("JPEGImages/" + name + ".jpg"));
            Files.copy(bccd.resolve("Annotations/" + name + ".xml"), voc.resolve("Annotations/" + name + ".xml"));
        }
        BenchRun run = BenchRun.of("metrics", "--voc", voc.toString(), "--scaled", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("3 images from", "decode only, 1 thread", "decode + all image metrics, 1 thread")
                .contains("image.pixel_hash", "image.sharpness", "(yardstick: 1 scalar pass, 3 mul/pixel)")
                .contains("analyze (all metrics), 1 thread", "live heap after GC")
                .doesNotContain("NaN");
    }
}
