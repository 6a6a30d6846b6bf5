package dev.loupe.eval.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Performance by metric: the items are cut into buckets of one metric, and for each bucket the
 * outcome rate (precision when the items are predictions and the outcome is "true positive";
 * recall, i.e. 1 - FN rate, when they are ground truths and the outcome is "detected") is given
 * with its count and a 95% Wilson interval, for all items and per class.
 *
 * <p>The bucket bounds are computed once over all items and applied to every class, so the rows
 * of the per-class tables line up with the overall table. Missing values (NaN or infinite) are
 * never bucketed; they are counted in their own {@link PerformanceTable#missing()} row.
 */
public final class PerformanceByMetric {
    private PerformanceByMetric() {
    }

    /**
     * Computes the bucketed rates of one metric.
     *
     * @param values    the metric value of each item; NaN (or infinite) = missing
     * @param outcome   the outcome of each item, true = success
     * @param classIds  the class of each item, or null for no per-class tables
     * @param bucketing quantile or equal-width, and how many buckets
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static MetricPerformance compute(double[] values, boolean[] outcome, int[] classIds, Bucketing bucketing) {
        if (outcome.length != values.length || (classIds != null && classIds.length != values.length)) {
            throw new IllegalArgumentException("values, outcome and class ids must have one entry per item: "
                    + values.length + ", " + outcome.length + ", " + (classIds == null ? "-" : classIds.length));
        }
        double[] sorted = Binning.sortedFinite(values);
        Edges edges = bucketing.mode() == Bucketing.Mode.QUANTILE
                ? quantileEdges(sorted, bucketing.buckets())
                : equalWidthEdges(sorted, bucketing.buckets());
        int[] bin = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bin[i] = edges.binOf(values[i]);
        }
        PerformanceTable overall = table(edges, values, outcome, bin, null, 0);
        Map<Integer, PerformanceTable> byClass = new TreeMap<>();
        if (classIds != null) {
            for (int c : new java.util.TreeSet<>(boxed(classIds))) {
                byClass.put(c, table(edges, values, outcome, bin, classIds, c));
            }
        }
        return new MetricPerformance(bucketing, overall, byClass);
    }

    private static PerformanceTable table(Edges edges, double[] values, boolean[] outcome, int[] bin, int[] classIds,
                                          int cls) {
        int k = edges.buckets();
        long[] count = new long[k];
        long[] pos = new long[k];
        double[] min = new double[k];
        double[] max = new double[k];
        java.util.Arrays.fill(min, Double.NaN);
        java.util.Arrays.fill(max, Double.NaN);
        long missing = 0;
        long missingPos = 0;
        long total = 0;
        long totalPos = 0;
        for (int i = 0; i < values.length; i++) {
            if (classIds != null && classIds[i] != cls) {
                continue;
            }
            total++;
            totalPos += outcome[i] ? 1 : 0;
            int b = bin[i];
            if (b == Binning.MISSING) {
                missing++;
                missingPos += outcome[i] ? 1 : 0;
                continue;
            }
            count[b]++;
            pos[b] += outcome[i] ? 1 : 0;
            double v = values[i];
            min[b] = Double.isNaN(min[b]) ? v : Math.min(min[b], v);
            max[b] = Double.isNaN(max[b]) ? v : Math.max(max[b], v);
        }
        List<BucketRow> rows = new ArrayList<>(k);
        for (int b = 0; b < k; b++) {
            rows.add(new BucketRow(b, edges.lower(b), edges.upper(b), b == k - 1, min[b], max[b],
                    RateStats.of(count[b], pos[b])));
        }
        return new PerformanceTable(RateStats.of(total, totalPos), rows, RateStats.of(missing, missingPos));
    }

    private static Edges quantileEdges(double[] sorted, int k) {
        if (sorted.length == 0) {
            return new Edges(new double[0], false);
        }
        double[] cuts = Binning.quantileCuts(sorted, k);
        double[] e = new double[cuts.length + 2];
        e[0] = sorted[0];
        System.arraycopy(cuts, 0, e, 1, cuts.length);
        e[e.length - 1] = sorted[sorted.length - 1];
        return new Edges(e, false);
    }

    private static Edges equalWidthEdges(double[] sorted, int k) {
        if (sorted.length == 0) {
            return new Edges(new double[0], true);
        }
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        if (lo == hi) {
            return new Edges(new double[] {lo, hi}, true);
        }
        double[] e = new double[k + 1];
        for (int j = 0; j < k; j++) {
            e[j] = lo + (hi - lo) * j / k;
        }
        e[k] = hi;
        return new Edges(e, true);
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    /** Bucket edges e[0] (min) .. e[k] (max); no buckets when there are no finite values. */
    private record Edges(double[] e, boolean equalWidth) {
        int buckets() {
            return Math.max(0, e.length - 1);
        }

        double lower(int b) {
            return e[b];
        }

        double upper(int b) {
            return e[b + 1];
        }

        int binOf(double v) {
            if (!Double.isFinite(v) || e.length == 0) {
                return Binning.MISSING;
            }
            int k = buckets();
            if (equalWidth) {
                if (k == 1) {
                    return 0;
                }
                int b = (int) Math.floor((v - e[0]) / (e[k] - e[0]) * k);
                // Recheck against the stored edges so that rounding never contradicts the bounds.
                b = Math.max(0, Math.min(k - 1, b));
                while (b > 0 && v < e[b]) {
                    b--;
                }
                while (b < k - 1 && v >= e[b + 1]) {
                    b++;
                }
                return b;
            }
            int lo = 1;
            int hi = k; // cuts are e[1..k-1]
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (e[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo - 1;
        }
    }
}
