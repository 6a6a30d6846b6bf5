package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Precision and recall in the k lowest scores and the AUROC, on cases worked by hand. */
class RankingScoresTest {
    @Test
    void aPerfectRankingAndAReversedOne() {
        boolean[] errors = {true, false, true, false, false};
        RankingScores perfect = RankingScores.of(new double[] {0.1, 0.9, 0.2, 0.8, 0.7}, errors, 2, 0);
        assertThat(perfect).isEqualTo(new RankingScores(1.0, 1.0, 1.0));
        RankingScores reversed = RankingScores.of(new double[] {0.9, 0.1, 0.8, 0.2, 0.3}, errors, 2, 0);
        assertThat(reversed).isEqualTo(new RankingScores(0.0, 0.0, 0.0));
    }

    @Test
    void tiesCountOneHalfAndNaNIsNeverSuspected() {
        boolean[] errors = {true, false, false};
        // The error ties with one clean item and beats the other: (0.5 + 1) / 2.
        assertThat(RankingScores.of(new double[] {0.5, 0.5, 0.9}, errors, 1, 0).auroc()).isCloseTo(0.75, within(1e-12));
        // NaN ranks last: the error (NaN) loses to both clean items.
        RankingScores nan = RankingScores.of(new double[] {Double.NaN, 0.2, 0.3}, errors, 1, 0);
        assertThat(nan.auroc()).isEqualTo(0.0);
        assertThat(nan.recallAtK()).isEqualTo(0.0);
    }

    @Test
    void randomIsThePrevalenceAndKOverN() {
        RankingScores r = RankingScores.random(new boolean[] {true, false, false, false}, 2);
        assertThat(r).isEqualTo(new RankingScores(0.25, 0.5, 0.5));
    }
}
