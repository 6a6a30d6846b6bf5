package dev.loupe.eval.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quantile cuts by selection agree with the definition on a full sort. */
class BinningTest {
    /** The definition: sorted finite values, value of rank floor(j m / k), distinct, above the minimum. */
    private static double[] bySorting(double[] values, int k) {
        double[] s = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        return java.util.stream.IntStream.range(1, k).mapToDouble(j -> s[(int) ((long) j * s.length / k)])
                .filter(c -> c > s[0]).distinct().toArray();
    }

    @Test
    void selectionMatchesSortingWithTiesAndMissingValues() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(trial < 100 ? 60 : 3000);
            int distinct = 1 + rnd.nextInt(trial % 3 == 0 ? 5 : 1000);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextDouble() < .05 ? Double.NaN : rnd.nextInt(distinct) - distinct / 2;
            }
            if (Arrays.stream(v).noneMatch(Double::isFinite)) {
                continue;
            }
            int k = 2 + rnd.nextInt(40);
            double[] original = v.clone();
            assertThat(Binning.quantileCuts(v, k)).as("n %d k %d", n, k).containsExactly(bySorting(v, k));
            assertThat(v).as("input untouched").containsExactly(original);
        }
    }

    @Test
    void binOfCountsTheCutsAtOrBelowTheValue() {
        double[] cuts = {2, 5};
        assertThat(Binning.binOf(cuts, 1.9)).isZero();
        assertThat(Binning.binOf(cuts, 2)).isEqualTo(1);
        assertThat(Binning.binOf(cuts, 5)).isEqualTo(2);
        assertThat(Binning.binOf(cuts, Double.NaN)).isEqualTo(Binning.MISSING);
        assertThat(Binning.binOf(cuts, Double.NEGATIVE_INFINITY)).isEqualTo(Binning.MISSING);
    }
}
