package dev.loupe.eval.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Worst-slice search: a hand-computed case, planted slices that must come first, exact counts. */
class WorstSlicesTest {
    private static final int N = 20_000;

    @Test
    void handComputedSingleCondition() {
        // x 1..8, 2 bins split at 5. x <= 4: 2 of 4 succeed (0.5) vs 6/8 = 0.75 overall:
        // score 4 * 0.25 = 1, z = 0.25 / sqrt(0.75 * 0.25 / 4). x >= 5 succeeds always.
        // The pairs with a class have the same rate as "x <= 4" and are redundant.
        Map<String, double[]> m = Map.of("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        boolean[] ok = {false, false, true, true, true, true, true, true};
        int[] cls = {0, 1, 0, 1, 0, 1, 0, 1};
        SliceParams p = new SliceParams(2, 2, 2, 1, 0, 10, 20, "recall", "objects");
        List<Slice> slices = WorstSlices.find(m, ok, cls, Map.of(0, "cat", 1, "dog"), p);
        assertThat(slices).hasSize(1);
        Slice s = slices.get(0);
        assertThat(s.stats().count()).isEqualTo(4);
        assertThat(s.stats().positives()).isEqualTo(2);
        assertThat(s.globalRate()).isEqualTo(.75);
        assertThat(s.gap()).isEqualTo(.25);
        assertThat(s.score()).isCloseTo(1, within(1e-12));
        assertThat(s.z()).isCloseTo(.25 / Math.sqrt(.75 * .25 / 4), within(1e-12));
        SliceCondition c = s.conditions().get(0);
        assertThat(c.metric()).isEqualTo("x");
        assertThat(c.lower()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(c.upper()).isEqualTo(4);
        assertThat(s.description()).isEqualTo("objects with x <= 4 (lowest 50%): recall 0.50 vs 0.75 overall, 4 objects");
    }

    /** Uniform metrics a..f; success 0.95 except in the planted slice a < 0.2 and b >= 0.8 (0.05). */
    private static Map<String, double[]> metrics(Random rnd, int n) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String name : new String[] {"f", "a", "e", "b", "c", "d"}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextDouble();
            }
            m.put(name, v);
        }
        double[] e = m.get("e");
        for (int i = 0; i < n; i += 17) {
            e[i] = Double.NaN;
        }
        return m;
    }

    @Test
    void plantedMetricPairIsFoundFirst() {
        Random rnd = new Random(3);
        Map<String, double[]> m = metrics(rnd, N);
        double[] a = m.get("a");
        double[] b = m.get("b");
        boolean[] ok = new boolean[N];
        int[] cls = new int[N];
        for (int i = 0; i < N; i++) {
            boolean planted = a[i] < .2 && b[i] >= .8;
            ok[i] = rnd.nextDouble() < (planted ? .05 : .95);
            cls[i] = rnd.nextInt(3);
        }
        for (int conditions = 2; conditions <= 3; conditions++) {
            List<Slice> slices = WorstSlices.find(m, ok, cls, null, SliceParams.recallOfObjects()
                    .withMaxConditions(conditions));
            assertThat(slices).isNotEmpty();
            Slice first = slices.get(0);
            assertThat(first.conditions()).extracting(SliceCondition::metric).containsExactly("a", "b");
            assertThat(first.conditions().get(0).lower()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(first.conditions().get(0).upper()).isCloseTo(.2, within(.02));
            assertThat(first.conditions().get(1).lower()).isCloseTo(.8, within(.02));
            assertThat(first.conditions().get(1).upper()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(first.stats().rate()).isLessThan(.1);
            assertThat(first.description()).startsWith("objects with a <= 0.")
                    .contains("(lowest 20%) and b >= 0.").contains("(highest 20%): recall 0.0");
            assertCountsAreExact(slices, m, ok, cls);
            for (Slice s : slices) {
                assertThat(s.conditions().size()).isLessThanOrEqualTo(conditions);
            }
        }
    }

    @Test
    void plantedClassSliceIsFoundAndNamed() {
        Random rnd = new Random(5);
        Map<String, double[]> m = metrics(rnd, N);
        double[] c = m.get("c");
        boolean[] ok = new boolean[N];
        int[] cls = new int[N];
        for (int i = 0; i < N; i++) {
            cls[i] = 10 + rnd.nextInt(4);
            boolean planted = cls[i] == 12 && c[i] < .3;
            ok[i] = rnd.nextDouble() < (planted ? .1 : .9);
        }
        List<Slice> slices = WorstSlices.find(m, ok, cls, Map.of(12, "Platelets"), SliceParams.recallOfObjects());
        Slice first = slices.get(0);
        assertThat(first.conditions()).hasSize(2);
        assertThat(first.conditions().get(0).metric()).isEqualTo("c");
        assertThat(first.conditions().get(0).upper()).isCloseTo(.3, within(.02));
        assertThat(first.conditions().get(1).isClass()).isTrue();
        assertThat(first.conditions().get(1).classId()).isEqualTo(12);
        assertThat(first.description()).contains(" of class Platelets: recall 0.");
        assertCountsAreExact(slices, m, ok, cls);
        // No reported pair is explained by one of its conditions alone.
        for (Slice s : slices) {
            if (s.conditions().size() == 2) {
                for (SliceCondition parent : s.conditions()) {
                    double parentRate = recount(List.of(parent), m, ok, cls).rate();
                    assertThat(s.stats().rate()).isLessThan(parentRate);
                }
            }
        }
    }

    @Test
    void variantsOfAReportedSliceAreNotReportedAgain() {
        // Planted: m0 < 0.2 and m1 >= 0.8 (success 0.1), class 0 with m3 >= 0.9 (0.3), else 0.9.
        PerformanceWorkload w = PerformanceWorkload.synthetic(N, 8, 5, 21);
        List<Slice> slices = WorstSlices.find(w.metrics(), w.outcome(), w.classIds(), Map.of(0, "cat"),
                SliceParams.recallOfObjects());
        assertThat(slices.get(0).conditions()).extracting(SliceCondition::metric).containsExactly("m0", "m1");
        // m3 takes 20 values, so the top decile bin may start at 0.85 (ties are never split).
        assertThat(slices.get(1).conditions()).extracting(SliceCondition::metric).containsExactly("m3", null);
        assertThat(slices.get(1).conditions().get(0).lower()).isBetween(.85, .9);
        assertThat(slices.get(1).description()).contains(" of class cat: recall ");
        assertThat(slices.get(0).uncoveredScore()).isEqualTo(slices.get(0).score());
        // Wider or narrower versions of the first slice lack nothing once its items are covered.
        for (Slice s : slices.subList(1, slices.size())) {
            assertThat(s.conditions()).extracting(SliceCondition::metric).doesNotContain("m0", "m1");
            assertThat(s.uncoveredScore()).isLessThanOrEqualTo(s.score() + 1e-9);
        }
        assertCountsAreExact(slices, w.metrics(), w.outcome(), w.classIds());
    }

    @Test
    void noSliceWhenTheOutcomeIsIndependentOfTheData() {
        Random rnd = new Random(9);
        Map<String, double[]> m = metrics(rnd, 5000);
        boolean[] ok = new boolean[5000];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = rnd.nextDouble() < .8;
        }
        // With z >= 5 nothing random passes (at z >= 3 a chance slice may among ~10^5 candidates).
        SliceParams strict = new SliceParams(10, 2, 30, 5, 2, 10, 20, "precision", "predictions");
        assertThat(WorstSlices.find(m, ok, null, null, strict)).isEmpty();
    }

    @Test
    void emptyConstantOrPerfectInputsGiveNoSlice() {
        SliceParams p = SliceParams.recallOfObjects();
        assertThat(WorstSlices.find(Map.of("x", new double[0]), new boolean[0], null, null, p)).isEmpty();
        double[] x = new double[200];
        boolean[] ok = new boolean[200];
        for (int i = 0; i < 200; i++) {
            x[i] = i;
            ok[i] = true;
        }
        assertThat(WorstSlices.find(Map.of("x", x), ok, null, null, p)).isEmpty();
        ok[3] = false;
        assertThat(WorstSlices.find(Map.of("constant", new double[200]), ok, null, null, p)).isEmpty();
    }

    private static void assertCountsAreExact(List<Slice> slices, Map<String, double[]> m, boolean[] ok, int[] cls) {
        for (Slice s : slices) {
            RateStats r = recount(s.conditions(), m, ok, cls);
            assertThat(s.stats().count()).as(s.description()).isEqualTo(r.count());
            assertThat(s.stats().positives()).as(s.description()).isEqualTo(r.positives());
            assertThat(s.score()).isCloseTo(r.count() * (s.globalRate() - r.rate()), within(1e-9));
        }
    }

    private static RateStats recount(List<SliceCondition> conds, Map<String, double[]> m, boolean[] ok, int[] cls) {
        long count = 0;
        long pos = 0;
        for (int i = 0; i < ok.length; i++) {
            boolean in = true;
            for (SliceCondition c : conds) {
                in &= c.isClass() ? cls[i] == c.classId() : c.matches(m.get(c.metric())[i]);
            }
            if (in) {
                count++;
                pos += ok[i] ? 1 : 0;
            }
        }
        return RateStats.of(count, pos);
    }
}
