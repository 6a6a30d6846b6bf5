package dev.loupe.eval.performance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The search space of {@link WorstSlices}: every metric cut into quantile bins (plus a missing
 * code), the class as one more dimension, the candidate conditions (bin ranges) of each dimension,
 * and the {@link SliceCounts} of all items.
 */
final class SliceSpace {
    final int n;
    final int[] y;
    final long totalPositives;
    final int dims;
    final short[][] codes;
    final int[] bins;
    final int[] condDim;
    final int[] condLo;
    final int[] condHi;
    final SliceCondition[] conditions;
    final int[][] condsOfDim;
    /** Counts of every one- and two-condition slice over all items. */
    final SliceCounts counts;

    SliceSpace(Map<String, double[]> metrics, boolean[] outcome, int[] classIds, Map<Integer, String> classNames,
               int binCount) {
        n = outcome.length;
        y = new int[n];
        long p = 0;
        for (int i = 0; i < n; i++) {
            y[i] = outcome[i] ? 1 : 0;
            p += y[i];
        }
        totalPositives = p;
        List<short[]> codeList = new ArrayList<>();
        List<Integer> binList = new ArrayList<>();
        List<Integer> cDim = new ArrayList<>();
        List<Integer> cLo = new ArrayList<>();
        List<Integer> cHi = new ArrayList<>();
        List<SliceCondition> cond = new ArrayList<>();
        List<String> names = new ArrayList<>(metrics.keySet());
        List<double[]> columns = new ArrayList<>(metrics.values());
        for (int f = 0; f < names.size(); f++) {
            if (columns.get(f).length != n) {
                throw new IllegalArgumentException("metric " + names.get(f) + " has " + columns.get(f).length
                        + " values for " + n + " items");
            }
        }
        List<MetricBins> binned = IntStream.range(0, names.size()).parallel()
                .mapToObj(f -> MetricBins.of(columns.get(f), binCount)).toList();
        for (int f = 0; f < names.size(); f++) {
            MetricBins mb = binned.get(f);
            if (mb == null) {
                continue; // constant or all missing: no condition can split it
            }
            int nb = mb.bins();
            int d = codeList.size();
            codeList.add(mb.codes());
            binList.add(nb);
            double m = mb.finite()[nb];
            for (int[] range : ranges(nb)) {
                int lo = range[0];
                int hi = range[1];
                double lower = lo == 0 ? Double.NEGATIVE_INFINITY : mb.min()[lo];
                double upper = hi == nb - 1 ? Double.POSITIVE_INFINITY : mb.max()[hi];
                double from = mb.finite()[lo] / m;
                double to = mb.finite()[hi + 1] / m;
                cDim.add(d);
                cLo.add(lo);
                cHi.add(hi);
                String name = names.get(f);
                cond.add(new SliceCondition(name, lower, upper, from, to, 0,
                        SliceText.metricCondition(name, lower, upper, mb.min()[lo], mb.max()[hi], from, to)));
            }
        }
        if (classIds != null) {
            if (classIds.length != n) {
                throw new IllegalArgumentException(classIds.length + " class ids for " + n + " items");
            }
            TreeSet<Integer> distinct = new TreeSet<>();
            for (int c : classIds) {
                distinct.add(c);
            }
            if (distinct.size() > Short.MAX_VALUE - 1) {
                throw new IllegalArgumentException("too many classes: " + distinct.size());
            }
            if (distinct.size() > 1) {
                int[] ids = distinct.stream().mapToInt(Integer::intValue).toArray();
                short[] c = new short[n];
                for (int i = 0; i < n; i++) {
                    c[i] = (short) Arrays.binarySearch(ids, classIds[i]);
                }
                int d = codeList.size();
                codeList.add(c);
                binList.add(ids.length);
                for (int k = 0; k < ids.length; k++) {
                    cDim.add(d);
                    cLo.add(k);
                    cHi.add(k);
                    String name = classNames == null ? null : classNames.get(ids[k]);
                    cond.add(new SliceCondition(null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ids[k],
                            "class " + (name == null ? Integer.toString(ids[k]) : name)));
                }
            }
        }
        dims = codeList.size();
        codes = codeList.toArray(new short[0][]);
        bins = binList.stream().mapToInt(Integer::intValue).toArray();
        condDim = cDim.stream().mapToInt(Integer::intValue).toArray();
        condLo = cLo.stream().mapToInt(Integer::intValue).toArray();
        condHi = cHi.stream().mapToInt(Integer::intValue).toArray();
        conditions = cond.toArray(new SliceCondition[0]);
        condsOfDim = new int[dims][];
        for (int d = 0; d < dims; d++) {
            final int dim = d;
            condsOfDim[d] = IntStream.range(0, condDim.length).filter(k -> condDim[k] == dim).toArray();
        }
        counts = new SliceCounts(this);
    }

    /**
     * One metric's quantile bin per item (code {@code bins} for missing), the smallest and largest
     * value in each bin, and the cumulative count of finite values over the bins.
     */
    private record MetricBins(short[] codes, int bins, double[] min, double[] max, int[] finite) {
        /** The bins of x, or null when it has fewer than 2 (constant or all missing). */
        static MetricBins of(double[] x, int binCount) {
            double[] cuts = Binning.quantileCuts(x, binCount);
            int nb = cuts.length + 1;
            if (nb < 2) {
                return null;
            }
            short[] c = new short[x.length];
            double[] min = new double[nb];
            double[] max = new double[nb];
            int[] finite = new int[nb + 1];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < x.length; i++) {
                int b = Binning.binOf(cuts, x[i]);
                if (b == Binning.MISSING) {
                    c[i] = (short) nb;
                    continue;
                }
                c[i] = (short) b;
                min[b] = Math.min(min[b], x[i]);
                max[b] = Math.max(max[b], x[i]);
                finite[b + 1]++;
            }
            for (int b = 0; b < nb; b++) {
                finite[b + 1] += finite[b];
            }
            return new MetricBins(c, nb, min, max, finite);
        }
    }

    /**
     * The bin ranges offered as conditions: every prefix ("&lt;= the end of bin h"), every suffix
     * ("&gt;= the start of bin l") and every single inner bin.
     */
    private static List<int[]> ranges(int nb) {
        List<int[]> out = new ArrayList<>();
        for (int h = 0; h < nb - 1; h++) {
            out.add(new int[] {0, h});
        }
        for (int l = 1; l < nb; l++) {
            out.add(new int[] {l, nb - 1});
        }
        for (int b = 1; b < nb - 1; b++) {
            out.add(new int[] {b, b});
        }
        return out;
    }

    /** Cumulative count and successes over the bins of dimension d, for items[0..size). */
    int[][] histogram(int d, int[] items, int size) {
        int nb = bins[d];
        int[] c = new int[nb + 2];
        int[] s = new int[nb + 2];
        short[] code = codes[d];
        for (int q = 0; q < size; q++) {
            int i = items[q];
            c[code[i] + 1]++;
            s[code[i] + 1] += y[i];
        }
        for (int b = 1; b <= nb; b++) {
            c[b] += c[b - 1];
            s[b] += s[b - 1];
        }
        return new int[][] {Arrays.copyOf(c, nb + 1), Arrays.copyOf(s, nb + 1)};
    }

    boolean matches(int[] conds, int item) {
        for (int k : conds) {
            int v = codes[condDim[k]][item];
            if (v < condLo[k] || v > condHi[k]) {
                return false;
            }
        }
        return true;
    }
}
