package dev.loupe.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KS statistic and its asymptotic p-value against {@code ks_reference.txt}, written by
 * {@code ks_reference.py} (python3 standard library: D by brute force over exact fractions, Q by the
 * alternating series summed exactly). Tolerances: D 1e-15 (it is a ratio of counts), p 1e-12,
 * Q(λ) 1e-13.
 */
class TwoSampleKsTest {

    /** One reference case. */
    record Case(String name, double[] a, double[] b, double d, double p) {
    }

    /** Reference values of the file. */
    record Reference(List<Case> cases, List<double[]> q) {
    }

    static Reference reference() throws IOException {
        List<Case> cases = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TwoSampleKsTest.class.getResourceAsStream("ks_reference.txt"), StandardCharsets.UTF_8))) {
            String name = null;
            double[] a = null;
            double[] b = null;
            double d = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "case" -> name = f[1];
                    case "a" -> a = numbers(f);
                    case "b" -> b = numbers(f);
                    case "d" -> {
                        String[] r = f[1].split("/");
                        d = Double.parseDouble(r[0]) / Double.parseDouble(r[1]);
                    }
                    case "p" -> cases.add(new Case(name, a, b, d, Double.parseDouble(f[1])));
                    case "q" -> q.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
                    default -> {
                    }
                }
            }
        }
        return new Reference(cases, q);
    }

    private static double[] numbers(String[] f) {
        return Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void statisticAndPValueMatchThePythonReference() throws IOException {
        List<Case> cases = reference().cases();
        assertThat(cases).hasSize(8);
        for (Case c : cases) {
            TwoSampleKs ks = TwoSampleKs.of(c.a(), c.b());
            assertThat(ks.d()).as(c.name()).isCloseTo(c.d(), within(1e-15));
            assertThat(ks.pValue()).as(c.name()).isCloseTo(c.p(), within(1e-12));
            assertThat(ks.n()).isEqualTo(c.a().length);
            assertThat(ks.m()).isEqualTo(c.b().length);
            // symmetric in its two samples
            TwoSampleKs swapped = TwoSampleKs.of(c.b(), c.a());
            assertThat(swapped.d()).isEqualTo(ks.d());
            assertThat(swapped.pValue()).isEqualTo(ks.pValue());
        }
    }

    @Test
    void kolmogorovSurvivalMatchesTheAlternatingSeries() throws IOException {
        List<double[]> q = reference().q();
        assertThat(q).hasSizeGreaterThan(10);
        for (double[] row : q) {
            assertThat(KolmogorovDistribution.survival(row[0])).as("Q(%s)", row[0]).isCloseTo(row[1], within(1e-13));
        }
        // Two published values (Smirnov's table; scipy.stats.kstwobign.sf): Q(1) and the 5% point 1.3581.
        assertThat(KolmogorovDistribution.survival(1.0)).isCloseTo(0.26999967167735456, within(1e-14));
        assertThat(KolmogorovDistribution.survival(1.3580986)).isCloseTo(0.05, within(1e-7));
        assertThat(KolmogorovDistribution.survival(0)).isEqualTo(1.0);
        assertThat(KolmogorovDistribution.cdf(-1)).isEqualTo(0.0);
    }

    @Test
    void handWorkedTinySamples() {
        // a = {1, 2}, b = {2, 3}: at t = 1 F_a = 1/2, F_b = 0; at t = 2 both step: 1 vs 1/2; D = 1/2.
        TwoSampleKs ks = TwoSampleKs.of(new double[] {1, 2}, new double[] {2, 3});
        assertThat(ks.d()).isEqualTo(0.5);
        assertThat(ks.effectiveN()).isEqualTo(1.0);
        // λ = (1 + 0.12 + 0.11) * 0.5 = 0.615
        assertThat(ks.pValue()).isCloseTo(KolmogorovDistribution.survival(0.615), within(1e-15));
        // identical samples: D = 0, p = 1
        TwoSampleKs same = TwoSampleKs.of(new double[] {1, 1, 4}, new double[] {1, 1, 4});
        assertThat(same.d()).isZero();
        assertThat(same.pValue()).isEqualTo(1.0);
    }

    @Test
    void anEmptySideGivesNaNAndBadInputIsRefused() {
        TwoSampleKs ks = TwoSampleKs.of(new double[0], new double[] {1});
        assertThat(ks.d()).isNaN();
        assertThat(ks.pValue()).isNaN();
        assertThatThrownBy(() -> TwoSampleKs.of(new double[] {2, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a must be sorted ascending: [1] 1.0 < 2.0");
        assertThatThrownBy(() -> TwoSampleKs.of(new double[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b[0] is NaN");
    }
}
