package dev.loupe.eval.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pearson and mutual information by hand on tiny arrays; all three measures on a planted dependence. */
class MetricImportanceTest {
    private static final double EPS = 1e-12;
    private static final ImportanceParams TWO_BINS_NO_FOREST = new ImportanceParams(2, 0, 6, 20_000, 5, 1, 50, 10);

    @Test
    void pearsonDropsMissingPairs() {
        // x 1..4 vs y 1,0,1,1: sxy = 0.5, sxx = 5, syy = 0.75 -> r = 0.5 / sqrt(3.75); the NaN item is dropped.
        Map<String, double[]> m = Map.of("x", new double[] {1, 2, 3, 4, Double.NaN});
        ImportanceReport r = MetricImportance.compute(m, new double[] {1, 0, 1, 1, 0}, TWO_BINS_NO_FOREST);
        MetricImportanceRow row = r.metrics().get(0);
        assertThat(row.pairs()).isEqualTo(4);
        assertThat(row.pearson()).isCloseTo(.5 / Math.sqrt(3.75), within(EPS));
        assertThat(row.forestImportance()).isNaN();
    }

    @Test
    void mutualInformationOfAPerfectPredictorIsTheTargetEntropy() {
        Map<String, double[]> m = Map.of("x", new double[] {1, 1, 2, 2});
        ImportanceReport r = MetricImportance.compute(m, new boolean[] {true, true, false, false}, TWO_BINS_NO_FOREST);
        MetricImportanceRow row = r.metrics().get(0);
        assertThat(row.miNats()).isCloseTo(Math.log(2), within(EPS));
        assertThat(row.miBits()).isCloseTo(1, within(EPS));
        assertThat(row.miNormalised()).isCloseTo(1, within(EPS));
        // 2 bins x 2 outcomes over 4 items: chance level (2 - 1)(2 - 1) / 8.
        assertThat(row.miCorrectedNats()).isCloseTo(Math.log(2) - 1 / 8.0, within(EPS));
        assertThat(row.pearson()).isCloseTo(-1, within(EPS));
    }

    @Test
    void mutualInformationCountsMissingValuesAsABin() {
        // bins of x: 0 0 1 1 missing; y 1 0 1 1 0. p(x) = 2/5 2/5 1/5, p(y=1) = 3/5.
        Map<String, double[]> m = Map.of("x", new double[] {1, 1, 2, 2, Double.NaN});
        ImportanceReport r = MetricImportance.compute(m, new double[] {1, 0, 1, 1, 0}, TWO_BINS_NO_FOREST);
        double expected = .2 * Math.log(5 / 6.0) + .2 * Math.log(5 / 4.0) + .4 * Math.log(5 / 3.0)
                + .2 * Math.log(5 / 2.0);
        double entropy = -(.6 * Math.log(.6) + .4 * Math.log(.4));
        assertThat(r.targetEntropyNats()).isCloseTo(entropy, within(EPS));
        assertThat(r.metrics().get(0).miNats()).isCloseTo(expected, within(EPS));
        assertThat(r.metrics().get(0).miNormalised()).isCloseTo(expected / entropy, within(EPS));
    }

    @Test
    void aTargetThatDependsOnAOnlyRanksAFirstOnAllThreeMeasures() {
        int n = 3000;
        Random rnd = new Random(42);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] d = new double[n];
        boolean[] tp = new boolean[n];
        double[] iouTp = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble();
            b[i] = rnd.nextDouble();
            c[i] = rnd.nextInt(5); // many ties
            d[i] = b[i] + .1 * rnd.nextGaussian();
            if (rnd.nextDouble() < .05) {
                b[i] = Double.NaN;
            }
            tp[i] = (a[i] > .6) ^ (rnd.nextDouble() < .1);
            iouTp[i] = tp[i] ? .5 + .5 * rnd.nextDouble() : 0;
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("b", b);
        m.put("c", c);
        m.put("a", a);
        m.put("d", d);
        for (ImportanceReport r : new ImportanceReport[] {
            MetricImportance.compute(m, tp, ImportanceParams.defaults()),
            MetricImportance.compute(m, iouTp, ImportanceParams.defaults())}) {
            assertThat(r.sampleTooSmall()).isFalse();
            assertThat(r.metrics()).extracting(MetricImportanceRow::metric).containsExactly("b", "c", "a", "d");
            assertThat(r.rankedBy(x -> Math.abs(x.pearson())).get(0).metric()).isEqualTo("a");
            assertThat(r.rankedBy(MetricImportanceRow::miNats).get(0).metric()).isEqualTo("a");
            assertThat(r.rankedBy(MetricImportanceRow::forestImportance).get(0).metric()).isEqualTo("a");
            assertThat(r.metrics().get(2).forestImportance()).isGreaterThan(.5);
            assertThat(r.metrics().stream().mapToDouble(MetricImportanceRow::forestImportance).sum()
                    + r.forestNoiseShare()).isCloseTo(1, within(1e-9));
            assertThat(r.metrics().get(2).forestImportance()).isGreaterThan(10 * r.forestNoiseShare());
            assertThat(r.rankedBy(MetricImportanceRow::miCorrectedNats).get(0).metric()).isEqualTo("a");
        }
        assertThat(MetricImportance.compute(m, iouTp, ImportanceParams.defaults()).binaryTarget()).isFalse();
        // Same seed, same forest.
        assertThat(MetricImportance.compute(m, tp, ImportanceParams.defaults().withSeed(7)).metrics())
                .isEqualTo(MetricImportance.compute(m, tp, ImportanceParams.defaults().withSeed(7)).metrics());
    }

    @Test
    void smallSamplesAreFlagged() {
        double[] x = new double[100];
        boolean[] y = new boolean[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            y[i] = i < 5;
        }
        ImportanceReport few = MetricImportance.compute(Map.of("x", x), y, ImportanceParams.defaults());
        assertThat(few.sampleTooSmall()).isTrue();
        assertThat(few.sampleNote()).isEqualTo("only 5 positives (at least 10 needed)");
        ImportanceReport tiny = MetricImportance.compute(Map.of("x", java.util.Arrays.copyOf(x, 30)),
                java.util.Arrays.copyOf(y, 30), ImportanceParams.defaults());
        assertThat(tiny.sampleNote()).isEqualTo("only 30 items (at least 50 needed)");
        y[50] = true;
        y[60] = true;
        y[70] = true;
        y[80] = true;
        y[90] = true;
        assertThat(MetricImportance.compute(Map.of("x", x), y, ImportanceParams.defaults()).sampleTooSmall()).isFalse();
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> MetricImportance.compute(Map.of("x", new double[2]), new double[] {0, Double.NaN},
                ImportanceParams.defaults())).hasMessage("target of item 1 is NaN");
        assertThatThrownBy(() -> MetricImportance.compute(Map.of("x", new double[3]), new double[2],
                ImportanceParams.defaults())).hasMessage("metric x has 3 values for 2 items");
    }
}
