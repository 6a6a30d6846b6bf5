package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlatVectorsTest {
    @TempDir
    Path tmp;

    @Test
    void mappedFileGivesTheSameNeighboursAndSimilaritiesAsExactSearchAndRefusesOtherVectors() throws Exception {
        SplittableRandom r = new SplittableRandom(13);
        for (boolean nonNegative : new boolean[] {true, false}) {
            float[][] raw = new float[400][41];
            for (float[] row : raw) {
                for (int k = 0; k < row.length; k++) {
                    double g = r.nextGaussian();
                    row[k] = (float) (nonNegative ? Math.max(0, g) : g);
                }
            }
            raw[200] = raw[7].clone();
            Vectors v = Vectors.forSimilarity(raw);
            ExactIndex index = new ExactIndex(v);
            Path file = tmp.resolve("v" + nonNegative + ".vectors");
            FlatVectors.write(file, "model 1, 400 ids", v);
            for (int row : new int[] {0, 7, 200, 399}) {
                Neighbours got = FlatVectors.search(file, "model 1, 400 ids", row, null, 9);
                Neighbours expected = index.search(index.vector(row), 9, i -> i == row);
                assertThat(got.rows()).as("row %d", row).containsExactly(expected.rows());
                assertThat(got.similarities()).containsExactly(expected.similarities());
            }
            float[] outside = raw[11].clone();
            outside[0] += 0.5f;
            Neighbours got = FlatVectors.search(file, "model 1, 400 ids", -1, outside, 5);
            Neighbours expected = index.search(index.query(outside), 5, null);
            assertThat(got.rows()).containsExactly(expected.rows());
            assertThat(got.similarities()).containsExactly(expected.similarities());
            assertThat(FlatVectors.search(file, "model 1, 401 ids", 0, null, 5)).as("other vectors").isNull();
        }
        assertThat(FlatVectors.search(tmp.resolve("missing"), "k", 0, null, 5)).isNull();
        Path cut = tmp.resolve("cut.vectors");
        byte[] whole = Files.readAllBytes(tmp.resolve("vtrue.vectors"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 4));
        assertThat(FlatVectors.search(cut, "model 1, 400 ids", 0, null, 5)).as("truncated").isNull();
    }
}
