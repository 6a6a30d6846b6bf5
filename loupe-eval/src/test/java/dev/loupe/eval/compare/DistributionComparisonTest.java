package dev.loupe.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Quartiles and shared histograms against values worked out by hand (numpy.percentile's linear rule). */
class DistributionComparisonTest {

    @Test
    void summaryUsesNumpyLinearQuartiles() {
        // numpy.percentile([1, 2, 4, 8, 16], [25, 50, 75]) = [2, 4, 8]; of [1, 2, 3, 10]: 1.75, 2.5, 4.75
        SampleSummary s = SampleSummary.of(new double[] {1, 2, 4, 8, 16}, 3);
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.missing()).isEqualTo(3);
        assertThat(new double[] {s.min(), s.q1(), s.median(), s.q3(), s.max(), s.mean()})
                .containsExactly(1, 2, 4, 8, 16, 6.2);
        SampleSummary t = SampleSummary.of(new double[] {1, 2, 3, 10}, 0);
        assertThat(t.q1()).isCloseTo(1.75, within(1e-15));
        assertThat(t.median()).isCloseTo(2.5, within(1e-15));
        assertThat(t.q3()).isCloseTo(4.75, within(1e-15));
        assertThat(SampleSummary.of(new double[0], 2).median()).isNaN();
    }

    @Test
    void histogramsShareEdgesFromTheJointRange() {
        // joint range 0..10 in 5 bins of width 2: a = {0, 1, 2, 9.99}, b = {5, 10, 10}
        SharedHistogram h = SharedHistogram.of(new double[] {0, 1, 2, 9.99}, new double[] {5, 10, 10}, 5);
        assertThat(h.edges()).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(h.countsA()).containsExactly(2, 1, 0, 0, 1);
        assertThat(h.countsB()).containsExactly(0, 0, 1, 0, 2);
        // edges that are not exact in binary: 0.1 .. 0.4 in 3 bins; every value lands between its bin's edges
        double[] a = {0.1, 0.2, 0.2 + 1e-17, 0.30000000000000004, 0.4};
        SharedHistogram g = SharedHistogram.of(a, new double[0], 3);
        for (double v : a) {
            int k = SharedHistogram.bin(v, g.edges());
            assertThat(v).isGreaterThanOrEqualTo(g.edges()[k]);
            assertThat(k == 2 ? v <= g.edges()[3] : v < g.edges()[k + 1]).isTrue();
        }
        assertThat(g.countsA()[0] + g.countsA()[1] + g.countsA()[2]).isEqualTo(5);
    }

    @Test
    void constantAndEmptySides() {
        SharedHistogram c = SharedHistogram.of(new double[] {3, 3}, new double[] {3}, 10);
        assertThat(c.edges()).containsExactly(3, 3);
        assertThat(c.countsA()).containsExactly(2);
        assertThat(c.countsB()).containsExactly(1);
        assertThat(SharedHistogram.of(new double[0], new double[0], 10).edges()).isEmpty();
        DistributionComparison d = DistributionComparison.of("m", new double[] {1, 2}, 0, new double[0], 4, 10);
        assertThat(d.b().missing()).isEqualTo(4);
        assertThat(d.ks().d()).isNaN();
        assertThat(d.histogram().countsB()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
