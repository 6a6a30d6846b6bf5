package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactIndexTest {
    @Test
    void ranksByCosineComputedByHand() {
        // rows: (1,0), (0,1), (1,1)/√2, (-1,0), (3,0.3) (same direction as the query)
        Vectors v = Vectors.normalised(new float[][] {{1, 0}, {0, 1}, {1, 1}, {-1, 0}, {3, 0.3f}});
        float[] q = Vectors.unit(new float[] {1, 0.1f});
        Neighbours nn = new ExactIndex(v).search(q, 3, null);
        // cos(q, row4) = 1; cos(q, row0) = 1/√1.01 = 0.99504; cos(q, row2) = 1.1/(√2·√1.01) = 0.77395
        assertThat(nn.rows()).containsExactly(4, 0, 2);
        assertThat(nn.similarities()[0]).isCloseTo(1f, within(1e-6f));
        assertThat(nn.similarities()[1]).isCloseTo(0.99504f, within(1e-5f));
        assertThat(nn.similarities()[2]).isCloseTo(0.77395f, within(1e-5f));
        // excluding row 4 promotes the next: row 1, cos = 0.1/√1.01 = 0.09950
        Neighbours ex = new ExactIndex(v).search(q, 3, i -> i == 4);
        assertThat(ex.rows()).containsExactly(0, 2, 1);
        assertThat(ex.similarities()[2]).isCloseTo(0.0995f, within(1e-4f));
    }

    @Test
    void blockedAllRowsSearchEqualsOneQueryAtATime() {
        SplittableRandom r = new SplittableRandom(3);
        float[][] raw = new float[150][24];
        for (float[] row : raw) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) r.nextGaussian();
            }
        }
        Vectors v = Vectors.normalised(raw);
        ExactIndex index = new ExactIndex(v);
        Neighbours[] all = index.searchRows(7, (q, c) -> (q + c) % 5 == 0);
        for (int i = 0; i < v.size(); i++) {
            int self = i;
            Neighbours one = index.search(v.row(i), 7, c -> c == self || (self + c) % 5 == 0);
            assertThat(all[i].rows()).as("row %d", i).containsExactly(one.rows());
        }
    }

    @Test
    void allRowsSearchAcrossBlocksGivesTheSameRowsAndSimilaritiesToTheBitAsOneQueryAtATime() {
        // n = 701: two candidate blocks (512) and three query blocks (256), the last partial and odd (189 rows); d = 127 (not a multiple of 4: the tail sum), exact copies (ties
        // of similarity, kept by lower row) and a zero vector (similarity 0 to everything).
        SplittableRandom r = new SplittableRandom(11);
        float[][] raw = new float[701][127];
        for (int i = 0; i < raw.length; i++) {
            for (int k = 0; k < raw[i].length; k++) {
                raw[i][k] = (float) r.nextGaussian();
            }
        }
        raw[600] = raw[5].clone();
        raw[601] = raw[5].clone();
        raw[650] = raw[300].clone();
        raw[699] = new float[127];
        Vectors v = Vectors.normalised(raw);
        ExactIndex index = new ExactIndex(v);
        java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger();
        Neighbours[] all = index.searchRows(10, (q, c) -> c % 7 == 3, reported::addAndGet);
        assertThat(reported.get()).isEqualTo(701);
        for (int i = 0; i < v.size(); i++) {
            int self = i;
            Neighbours one = index.search(v.row(i), 10, c -> c == self || c % 7 == 3);
            assertThat(all[i].rows()).as("row %d", i).containsExactly(one.rows());
            assertThat(all[i].similarities()).as("row %d", i).containsExactly(one.similarities());
        }
        assertThat(all[5].rows()).startsWith(600, 601);
        assertThat(all[600].rows()).startsWith(5, 601);
    }

    @Test
    void allRowsSearchOfTinySetsAndLargeKEqualsOneQueryAtATime() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n = 0; n <= 4; n++) {
            float[][] raw = new float[n][5];
            for (float[] row : raw) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) r.nextGaussian();
                }
            }
            ExactIndex index = new ExactIndex(Vectors.normalised(raw));
            for (int k : new int[] {0, 1, 10}) {
                Neighbours[] all = index.searchRows(k, null);
                assertThat(all).hasSize(n);
                for (int i = 0; i < n; i++) {
                    int self = i;
                    Neighbours one = index.search(index.vectors().row(i), Math.min(k, n - 1), c -> c == self);
                    assertThat(all[i].rows()).as("n %d, k %d, row %d", n, k, i).containsExactly(one.rows());
                }
            }
        }
    }

    @Test
    void similaritySpaceSquareRootsNonNegativeVectorsOnly() {
        Vectors relu = Vectors.forSimilarity(new float[][] {{4, 0}, {1, 1}});
        // sqrt: (2,0)->(1,0) and (1,1)->(0.7071,0.7071): cosine 0.7071 (raw cosine would be the same here)
        assertThat(relu.dot(0, 1)).isCloseTo(0.70711f, within(1e-5f));
        Vectors powered = Vectors.forSimilarity(new float[][] {{9, 1}, {1, 0}});
        // sqrt: (3,1)/√10 · (1,0) = 3/√10 = 0.94868 (raw would be 9/√82 = 0.99388)
        assertThat(powered.dot(0, 1)).isCloseTo(0.94868f, within(1e-5f));
        assertThat(powered.query(new float[] {9, 1})).containsExactly(powered.row(0));
        Vectors signed = Vectors.forSimilarity(new float[][] {{9, 1}, {1, -0.0001f}});
        assertThat(signed.dot(0, 1)).isCloseTo(0.99388f, within(1e-4f));
    }
}
