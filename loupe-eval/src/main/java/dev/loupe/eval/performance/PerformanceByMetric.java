package dev.loupe.eval.performance;

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
        Edges edges = bucketing.mode() == Bucketing.Mode.QUANTILE
                ? quantileEdges(values, bucketing.buckets())
                : equalWidthEdges(values, bucketing.buckets());
        // Group 0 is every item; group g > 0 is the class ids[g - 1]. One pass fills all groups.
        int[] ids = classIds == null ? new int[0] : java.util.Arrays.stream(classIds).distinct().sorted().toArray();
        int groups = ids.length + 1;
        int k = edges.buckets();
        long[][] count = new long[groups][k + 1]; // index k: missing
        long[][] pos = new long[groups][k + 1];
        double[][] min = new double[groups][k];
        double[][] max = new double[groups][k];
        for (int g = 0; g < groups; g++) {
            java.util.Arrays.fill(min[g], Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max[g], Double.NEGATIVE_INFINITY);
        }
        for (int i = 0; i < values.length; i++) {
            int b = edges.binOf(values[i]);
            int slot = b == Binning.MISSING ? k : b;
            int success = outcome[i] ? 1 : 0;
            int cls = classIds == null ? -1 : java.util.Arrays.binarySearch(ids, classIds[i]) + 1;
            for (int g = 0; g >= 0; g = g == 0 && cls > 0 ? cls : -1) { // group 0, then the class's group
                count[g][slot]++;
                pos[g][slot] += success;
                if (slot < k) {
                    min[g][b] = Math.min(min[g][b], values[i]);
                    max[g][b] = Math.max(max[g][b], values[i]);
                }
            }
        }
        PerformanceTable overall = table(edges, count[0], pos[0], min[0], max[0]);
        Map<Integer, PerformanceTable> byClass = new TreeMap<>();
        for (int g = 1; g < groups; g++) {
            byClass.put(ids[g - 1], table(edges, count[g], pos[g], min[g], max[g]));
        }
        return new MetricPerformance(bucketing, overall, byClass);
    }

    /**
     * {@link #compute} for several metrics over the same items.
     *
     * @return metric name to its performance, in the input map's order
     */
    public static Map<String, MetricPerformance> computeAll(Map<String, double[]> metrics, boolean[] outcome,
                                                            int[] classIds, Bucketing bucketing) {
        List<String> names = new ArrayList<>(metrics.keySet());
        List<MetricPerformance> out = names.parallelStream()
                .map(name -> {
                    try {
                        return compute(metrics.get(name), outcome, classIds, bucketing);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("metric " + name + ": " + e.getMessage(), e);
                    }
                }).toList();
        Map<String, MetricPerformance> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            result.put(names.get(i), out.get(i));
        }
        return java.util.Collections.unmodifiableMap(result);
    }

    private static PerformanceTable table(Edges edges, long[] count, long[] pos, double[] min, double[] max) {
        int k = edges.buckets();
        long total = 0;
        long totalPos = 0;
        List<BucketRow> rows = new ArrayList<>(k);
        for (int b = 0; b <= k; b++) {
            total += count[b];
            totalPos += pos[b];
            if (b < k) {
                boolean empty = count[b] == 0;
                rows.add(new BucketRow(b, edges.lower(b), edges.upper(b), b == k - 1, empty ? Double.NaN : min[b],
                        empty ? Double.NaN : max[b], RateStats.of(count[b], pos[b])));
            }
        }
        return new PerformanceTable(RateStats.of(total, totalPos), rows, RateStats.of(count[k], pos[k]));
    }

    /** {min, max} of the finite values, or null when there are none. */
    private static double[] range(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    private static Edges quantileEdges(double[] values, int k) {
        double[] r = range(values);
        if (r == null) {
            return new Edges(new double[0], false);
        }
        double[] cuts = Binning.quantileCuts(values, k);
        double[] e = new double[cuts.length + 2];
        e[0] = r[0];
        System.arraycopy(cuts, 0, e, 1, cuts.length);
        e[e.length - 1] = r[1];
        return new Edges(e, false);
    }

    private static Edges equalWidthEdges(double[] values, int k) {
        double[] r = range(values);
        if (r == null) {
            return new Edges(new double[0], true);
        }
        double lo = r[0];
        double hi = r[1];
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
