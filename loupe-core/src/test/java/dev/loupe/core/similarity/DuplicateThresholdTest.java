package dev.loupe.core.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DuplicateThresholdTest {
    @Test
    void thresholdByHandOnTheLogScale() {
        // Hamming distances 9 x 19 and 1 x 3, offset 1: x = ln 20 (9 times), ln 4. Median ln 20; deviations 0 (9x), ln 5:
        // MAD 0, so the spread is the floor 0.1; threshold = 20 e^(-0.3) - 1 = 13.816.
        double[] d = {19, 19, 19, 19, 19, 19, 19, 19, 19, 3};
        DuplicateThreshold t = DuplicateThreshold.of(d, DuplicateThreshold.HAMMING_OFFSET);
        assertThat(t.median()).isCloseTo(19, within(1e-9));
        assertThat(t.spread()).isEqualTo(0.1);
        assertThat(t.threshold()).isCloseTo(20 * Math.exp(-0.3) - 1, within(1e-9));
    }

    @Test
    void spreadIsTheScaledMedianAbsoluteDeviation() {
        // Cosine distances e^k for k = -4..4 (nine values; NaN and the identical pair's 0 ignored): x = -4..4, median 0,
        // |x| = 0,1,1,2,2,3,3,4,4: MAD 2, spread 2.9652; threshold = e^(-3 · 2.9652) = 1.37e-4.
        double[] d = new double[11];
        for (int k = -4; k <= 4; k++) {
            d[k + 4] = Math.exp(k);
        }
        d[9] = Double.NaN;
        d[10] = 0;
        DuplicateThreshold t = DuplicateThreshold.of(d, DuplicateThreshold.COSINE_OFFSET);
        assertThat(t.spread()).isCloseTo(1.4826 * 2, within(1e-9));
        assertThat(t.median()).isCloseTo(1, within(1e-9));
        assertThat(t.threshold()).isCloseTo(Math.exp(-3 * 1.4826 * 2), within(1e-12));
    }

    @Test
    void tooFewItemsGiveOnlyIdenticalItems() {
        DuplicateThreshold t = DuplicateThreshold.of(new double[] {0.2, 0.3, 0.01}, DuplicateThreshold.COSINE_OFFSET);
        assertThat(t.threshold()).isZero();
    }
}
