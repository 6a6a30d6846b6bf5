package dev.loupe.eval.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bucketed outcome rates computed by hand on ten items. */
class PerformanceByMetricTest {
    private static final double NAN = Double.NaN;
    private static final double[] V = {1, 2, 2, 2, 3, 4, 5, NAN, 6, 7};
    private static final boolean[] OK = {true, false, true, false, true, true, false, true, true, true};
    private static final int[] CLS = {0, 0, 1, 1, 0, 1, 0, 1, 0, 1};

    private static long[] counts(List<BucketRow> rows) {
        return rows.stream().mapToLong(r -> r.stats().count()).toArray();
    }

    private static long[] positives(List<BucketRow> rows) {
        return rows.stream().mapToLong(r -> r.stats().positives()).toArray();
    }

    @Test
    void quantileBucketsKeepEqualValuesTogether() {
        // 9 finite values, k = 3: starts at rank 3 (value 2) and rank 6 (value 5). All three 2s
        // share bucket 1 rather than being cut 1 | 2 2 | 2 ...
        MetricPerformance m = PerformanceByMetric.compute(V, OK, null, Bucketing.quantiles(3));
        List<BucketRow> rows = m.overall().buckets();
        assertThat(rows).extracting(BucketRow::lower).containsExactly(1.0, 2.0, 5.0);
        assertThat(rows).extracting(BucketRow::upper).containsExactly(2.0, 5.0, 7.0);
        assertThat(rows).extracting(BucketRow::upperInclusive).containsExactly(false, false, true);
        assertThat(counts(rows)).containsExactly(1, 5, 3);
        assertThat(positives(rows)).containsExactly(1, 3, 2);
        assertThat(rows.get(1).min()).isEqualTo(2);
        assertThat(rows.get(1).max()).isEqualTo(4);
        assertThat(m.overall().missing().count()).isEqualTo(1);
        assertThat(m.overall().missing().positives()).isEqualTo(1);
        assertThat(m.overall().total().count()).isEqualTo(10);
        assertThat(m.overall().total().positives()).isEqualTo(7);
        assertThat(m.byClass()).isEmpty();
    }

    @Test
    void wilsonIntervalOfThreeInFive() {
        // Textbook value: 3/5 -> [0.2307, 0.8824] at 95%.
        RateStats r = RateStats.of(5, 3);
        assertThat(r.rate()).isEqualTo(.6);
        assertThat(r.wilsonLow()).isCloseTo(0.23072, within(1e-5));
        assertThat(r.wilsonHigh()).isCloseTo(0.88238, within(1e-5));
        assertThat(RateStats.of(0, 0).rate()).isNaN();
        assertThat(RateStats.of(4, 4).wilsonHigh()).isEqualTo(1.0);
    }

    @Test
    void perClassTablesUseTheOverallBounds() {
        MetricPerformance m = PerformanceByMetric.compute(V, OK, CLS, Bucketing.quantiles(3));
        assertThat(m.byClass()).containsOnlyKeys(0, 1);
        PerformanceTable c0 = m.byClass().get(0);
        assertThat(counts(c0.buckets())).containsExactly(1, 2, 2);
        assertThat(positives(c0.buckets())).containsExactly(1, 1, 1);
        assertThat(c0.buckets().get(1).max()).isEqualTo(3);
        assertThat(c0.missing().count()).isZero();
        PerformanceTable c1 = m.byClass().get(1);
        assertThat(counts(c1.buckets())).containsExactly(0, 3, 1);
        assertThat(positives(c1.buckets())).containsExactly(0, 2, 1);
        assertThat(c1.buckets().get(0).stats().rate()).isNaN();
        assertThat(c1.buckets().get(0).lower()).isEqualTo(1);
        assertThat(c1.missing().count()).isEqualTo(1);
    }

    @Test
    void computeAllKeepsTheMetricOrderAndNamesTheBadMetric() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("z", V);
        m.put("a", V);
        Map<String, MetricPerformance> all = PerformanceByMetric.computeAll(m, OK, CLS, Bucketing.quantiles(3));
        assertThat(all.keySet()).containsExactly("z", "a");
        assertThat(counts(all.get("a").overall().buckets())).containsExactly(1, 5, 3);
        m.put("short", new double[3]);
        assertThatThrownBy(() -> PerformanceByMetric.computeAll(m, OK, null, Bucketing.quantiles(3)))
                .hasMessageStartingWith("metric short: values, outcome and class ids must have one entry per item");
    }

    @Test
    void equalWidthBuckets() {
        // [1, 7] in 3: [1,3) [3,5) [5,7]
        MetricPerformance m = PerformanceByMetric.compute(V, OK, null, Bucketing.equalWidth(3));
        List<BucketRow> rows = m.overall().buckets();
        assertThat(rows).extracting(BucketRow::lower).containsExactly(1.0, 3.0, 5.0);
        assertThat(counts(rows)).containsExactly(4, 2, 3);
        assertThat(positives(rows)).containsExactly(2, 2, 2);
    }

    @Test
    void constantOrMissingMetricsGiveOneOrNoBucket() {
        MetricPerformance constant = PerformanceByMetric.compute(new double[] {3, 3, 3}, new boolean[] {true, false,
            true}, null, Bucketing.quantiles(4));
        assertThat(counts(constant.overall().buckets())).containsExactly(3);
        MetricPerformance none = PerformanceByMetric.compute(new double[] {NAN, Double.POSITIVE_INFINITY},
                new boolean[] {true, false}, null, Bucketing.equalWidth(4));
        assertThat(none.overall().buckets()).isEmpty();
        assertThat(none.overall().missing().count()).isEqualTo(2);
    }
}
