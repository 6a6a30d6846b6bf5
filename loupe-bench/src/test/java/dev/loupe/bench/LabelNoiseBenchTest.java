package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'loupe bench label-noise' runs end to end on voc100 (one repeat) and on a tiny Fashion-MNIST
 * look-alike written here in the IDX format (so the test needs no Debian package), and prints every
 * row of both tables. A smoke test only: the figures belong to the benchmark, never to a test.
 */
class LabelNoiseBenchTest {
    @TempDir
    Path tmp;

    @Test
    void printsBothTables() throws IOException {
        Path fashion = tmp.resolve("fashion");
        Files.createDirectories(fashion);
        writeIdx(fashion, "train", 60, 1);
        writeIdx(fashion, "t10k", 20, 2);
        BenchRun run = BenchRun.of("label-noise", "--voc100", BenchRun.VOC100.toString(), "--repeats", "1",
                "--fashion", fashion.toString(), "--fashion-items", "80", "--pixels", "7", "--flip", "0.1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Detection: ", "1 seeded repeats", "P@k", "R@k", "AUROC")
                .contains("class_swap", "dropped", "shifted", "spurious")
                .contains("objectlab swapped", "objectlab badly located", "objectlab overlooked (pooled)",
                        "objectlab image score (pooled)", "annotation.quality", "loupe cv self_confidence",
                        "objectlab on loupe-cv swapped", "objectlab on loupe-cv image score", "random (expected)")
                .contains("Classification: Fashion-MNIST, 80 images", "flipped", "self_confidence", "normalized_margin",
                        "confidence_weighted_entropy", "confident learning (find_label_issues, prune_by_noise_rate)",
                        "k = 8 (the number of flipped labels)")
                .doesNotContain("NaN");
    }

    @Test
    void missingDataIsSkippedSaying() {
        BenchRun run = BenchRun.of("label-noise", "--voc100", tmp.resolve("nothing").toString(), "--fashion",
                tmp.resolve("none-here").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Detection: skipped, no voc100 at")
                .contains("Classification: skipped, no Fashion-MNIST at").contains("dataset-fashion-mnist");
        assertThat(BenchRun.of("label-noise", "--noisy-images", "0.5").exitCode()).isEqualTo(2);
    }

    /** n 28 x 28 images of 10 classes whose brightness grows with the class, and their labels. */
    private static void writeIdx(Path dir, String part, int n, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        try (DataOutputStream im = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(
                dir.resolve(part + "-images-idx3-ubyte.gz"))));
             DataOutputStream lb = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(
                     dir.resolve(part + "-labels-idx1-ubyte.gz"))))) {
            im.writeInt(2051);
            im.writeInt(n);
            im.writeInt(28);
            im.writeInt(28);
            lb.writeInt(2049);
            lb.writeInt(n);
            for (int i = 0; i < n; i++) {
                int label = i % 10;
                lb.writeByte(label);
                for (int p = 0; p < 28 * 28; p++) {
                    im.writeByte(Math.min(255, label * 25 + rnd.nextInt(20)));
                }
            }
        }
    }
}
