package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingSearchTest {
    private static float[][] random(SplittableRandom r, int n, int d, boolean nonNegative) {
        float[][] raw = new float[n][d];
        for (float[] row : raw) {
            for (int k = 0; k < d; k++) {
                double g = r.nextGaussian();
                row[k] = (float) (nonNegative ? Math.max(0, g) : g);
            }
        }
        return raw;
    }

    @Test
    void streamedRowsGiveTheSameNeighboursAndSimilaritiesAsTheIndexOverTheWholeSet() {
        SplittableRandom r = new SplittableRandom(7);
        for (boolean nonNegative : new boolean[] {true, false}) {
            float[][] raw = random(r, 300, 37, nonNegative);
            raw[120] = raw[3].clone(); // a tie, kept by the lower row
            Vectors prepared = Vectors.forSimilarity(raw);
            assertThat(prepared.powerNormalised()).isEqualTo(nonNegative);
            ExactIndex index = new ExactIndex(prepared);
            for (int row : new int[] {0, 3, 120, 299}) {
                StreamingSearch s = StreamingSearch.ofRow(raw[row], row, 8);
                for (float[] v : raw) {
                    s.accept(v);
                }
                assertThat(s.powerNormalised()).isEqualTo(nonNegative);
                Neighbours expected = index.search(index.vector(row), 8, i -> i == row);
                Neighbours got = s.result();
                assertThat(got.rows()).as("row %d, non-negative %s", row, nonNegative).containsExactly(expected.rows());
                assertThat(got.similarities()).containsExactly(expected.similarities());
            }
            float[] outside = random(r, 1, 37, true)[0];
            StreamingSearch s = new StreamingSearch(outside, 5, null);
            for (float[] v : raw) {
                s.accept(v);
            }
            Neighbours expected = index.search(index.query(outside), 5, null);
            assertThat(s.result().rows()).containsExactly(expected.rows());
        }
    }

    @Test
    void oneNegativeValueLateInTheStreamSwitchesEveryScoreToThePlainPreparation() {
        // (4,0) and (1,1): square-rooted they meet at cos 0.7071; plain too, (1,1)·(1,0) = 0.7071. The query (9,1) tells
        // them apart: square-rooted (3,1)/√10 · (1,0) = 0.9487, plain (9,1)/√82 · (1,0) = 0.9939.
        float[][] raw = {{4, 0}, {1, 1}, {0, -0.001f}};
        StreamingSearch s = new StreamingSearch(new float[] {9, 1}, 1, null);
        s.accept(raw[0]);
        s.accept(raw[1]);
        s.accept(raw[2]);
        assertThat(s.powerNormalised()).isFalse();
        Neighbours nn = s.result();
        assertThat(nn.rows()).containsExactly(0);
        assertThat(nn.similarities()[0]).isCloseTo(0.99388f, org.assertj.core.api.Assertions.within(1e-5f));
    }
}
