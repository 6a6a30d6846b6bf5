package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTest {
    @TempDir
    Path tmp;

    /** n points around 30 Gaussian centres, half with negative values (so only normalised). */
    private static Vectors clustered(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] centres = new float[30][d];
        for (float[] c : centres) {
            for (int k = 0; k < d; k++) {
                c[k] = (float) r.nextGaussian();
            }
        }
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(centres.length)];
            for (int k = 0; k < d; k++) {
                rows[i][k] = c[k] + 0.6f * (float) r.nextGaussian();
            }
        }
        return Vectors.forSimilarity(rows);
    }

    @Test
    void recallAgainstExactSearchWithExactSimilaritiesAndExclusions() throws IOException {
        Vectors v = clustered(3000, 32, 7);
        LuceneIndex.build(v, tmp.resolve("idx"), 2, Map.of("who", "test"));
        ExactIndex exact = new ExactIndex(v);
        try (LuceneIndex index = LuceneIndex.open(tmp.resolve("idx"))) {
            assertThat(index.size()).isEqualTo(3000);
            assertThat(index.dimension()).isEqualTo(32);
            assertThat(index.userData()).containsEntry("who", "test");
            assertThat(index.powerNormalised()).isFalse();
            int found = 0;
            for (int row = 0; row < 3000; row += 15) {
                int self = row;
                assertThat(index.vector(row)).containsExactly(v.row(row));
                Neighbours want = exact.search(v.row(row), 10, i -> i == self || i % 7 == 0);
                Neighbours got = index.search(index.vector(row), 10, i -> i == self || i % 7 == 0);
                assertThat(got.size()).isEqualTo(10);
                for (int i = 0; i < got.size(); i++) {
                    int r = got.rows()[i];
                    assertThat(r != self && r % 7 != 0).isTrue();
                    assertThat(got.similarities()[i]).as("re-ranked by the raw vectors").isEqualTo(v.dot(r, v.row(row)));
                    for (int w : want.rows()) {
                        found += w == r ? 1 : 0;
                    }
                }
            }
            assertThat(found / (10.0 * 200)).isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void aRawQueryIsPreparedAsTheIndexedVectorsWere() throws IOException {
        float[][] rows = {{4, 0, 0}, {0, 9, 0}, {1, 1, 0}};
        Vectors v = Vectors.forSimilarity(rows);
        assertThat(v.powerNormalised()).isTrue();
        LuceneIndex.build(v, tmp.resolve("root"), 1, Map.of());
        try (LuceneIndex index = LuceneIndex.open(tmp.resolve("root"))) {
            assertThat(index.powerNormalised()).isTrue();
            // sqrt then unit: (4, 1, 0) -> (2, 1, 0)/sqrt(5)
            float[] q = index.query(new float[] {4, 1, 0});
            assertThat(q[0]).isEqualTo((float) (2 / Math.sqrt(5)));
            Neighbours nn = index.search(q, 3, null);
            // similarities: row 2 (1, 1, 0)/sqrt(2) 3/sqrt(10), row 0 2/sqrt(5), row 1 (3, 0 rooted) 1/sqrt(5)
            assertThat(nn.rows()).containsExactly(2, 0, 1);
            assertThat(nn.similarities()[0]).isCloseTo((float) (3 / Math.sqrt(10)), org.assertj.core.api.Assertions.within(1e-6f));
        }
    }
}
