package dev.loupe.eval.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The search space of {@link WorstSlices}: every metric cut into quantile bins (plus a missing
 * code), the class as one more dimension, the candidate conditions (bin ranges) of each dimension,
 * and cumulative count tables for every dimension and every pair of dimensions, from which the
 * count and successes of any one- or two-condition slice are read in O(1).
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
    final String[] condText;
    final SliceCondition[] conditions;
    final int[][] condsOfDim;
    /** Per dimension: cumulative counts / successes over bins, index b + 1 = bins 0..b. */
    final int[][] cnt1;
    final int[][] pos1;
    /** Pair tables, pairs[d][e] for d &lt; e. */
    final PairTable[][] pairs;

    /** Cumulative 2-D counts of dimensions d (rows) and e (columns), missing codes excluded. */
    record PairTable(int stride, int[] cnt, int[] pos) {
        int count(int lo1, int hi1, int lo2, int hi2) {
            return rect(cnt, lo1, hi1, lo2, hi2);
        }

        int positives(int lo1, int hi1, int lo2, int hi2) {
            return rect(pos, lo1, hi1, lo2, hi2);
        }

        private int rect(int[] c, int lo1, int hi1, int lo2, int hi2) {
            return c[(hi1 + 1) * stride + hi2 + 1] - c[lo1 * stride + hi2 + 1] - c[(hi1 + 1) * stride + lo2]
                    + c[lo1 * stride + lo2];
        }
    }

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
        for (Map.Entry<String, double[]> e : metrics.entrySet()) {
            double[] x = e.getValue();
            if (x.length != n) {
                throw new IllegalArgumentException("metric " + e.getKey() + " has " + x.length + " values for " + n
                        + " items");
            }
            double[] sorted = Binning.sortedFinite(x);
            double[] cuts = Binning.quantileCuts(sorted, binCount);
            int nb = cuts.length + 1;
            if (nb < 2) {
                continue; // constant or all missing: no condition can split it
            }
            short[] c = new short[n];
            double[] min = new double[nb];
            double[] max = new double[nb];
            int[] finite = new int[nb + 1];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
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
            int d = codeList.size();
            codeList.add(c);
            binList.add(nb);
            double m = sorted.length;
            for (int[] range : ranges(nb)) {
                int lo = range[0];
                int hi = range[1];
                double lower = lo == 0 ? Double.NEGATIVE_INFINITY : min[lo];
                double upper = hi == nb - 1 ? Double.POSITIVE_INFINITY : max[hi];
                double from = finite[lo] / m;
                double to = finite[hi + 1] / m;
                cDim.add(d);
                cLo.add(lo);
                cHi.add(hi);
                cond.add(new SliceCondition(e.getKey(), lower, upper, from, to, 0,
                        SliceText.metricCondition(e.getKey(), lower, upper, min[lo], max[hi], from, to)));
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
        condText = cond.stream().map(SliceCondition::text).toArray(String[]::new);
        condsOfDim = new int[dims][];
        for (int d = 0; d < dims; d++) {
            final int dim = d;
            condsOfDim[d] = IntStream.range(0, condDim.length).filter(k -> condDim[k] == dim).toArray();
        }
        cnt1 = new int[dims][];
        pos1 = new int[dims][];
        for (int d = 0; d < dims; d++) {
            int[][] cum = histogram(d, null, 0);
            cnt1[d] = cum[0];
            pos1[d] = cum[1];
        }
        pairs = new PairTable[dims][dims];
        int[][] pairList = new int[dims * (dims - 1) / 2][];
        int k = 0;
        for (int d = 0; d < dims; d++) {
            for (int e = d + 1; e < dims; e++) {
                pairList[k++] = new int[] {d, e};
            }
        }
        List<PairTable> tables = Arrays.stream(pairList).parallel().map(de -> pairTable(de[0], de[1])).toList();
        for (int q = 0; q < pairList.length; q++) {
            pairs[pairList[q][0]][pairList[q][1]] = tables.get(q);
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

    /** Cumulative count and successes over the bins of dimension d, for the given items (null = all). */
    int[][] histogram(int d, int[] items, int size) {
        int nb = bins[d];
        int[] c = new int[nb + 2];
        int[] s = new int[nb + 2];
        short[] code = codes[d];
        if (items == null) {
            for (int i = 0; i < n; i++) {
                c[code[i] + 1]++;
                s[code[i] + 1] += y[i];
            }
        } else {
            for (int q = 0; q < size; q++) {
                int i = items[q];
                c[code[i] + 1]++;
                s[code[i] + 1] += y[i];
            }
        }
        for (int b = 1; b <= nb; b++) {
            c[b] += c[b - 1];
            s[b] += s[b - 1];
        }
        return new int[][] {Arrays.copyOf(c, nb + 1), Arrays.copyOf(s, nb + 1)};
    }

    private PairTable pairTable(int d, int e) {
        int stride = bins[e] + 1;
        int rows = bins[d] + 1;
        int[] c = new int[rows * stride];
        int[] s = new int[rows * stride];
        short[] cd = codes[d];
        short[] ce = codes[e];
        for (int i = 0; i < n; i++) {
            int idx = cd[i] * stride + ce[i];
            c[idx]++;
            s[idx] += y[i];
        }
        // Shift to cumulative form: cum[(a+1)*stride + (b+1)] = sum over bins <= a, <= b (missing excluded).
        int[] cc = new int[rows * stride];
        int[] cs = new int[rows * stride];
        for (int a = 0; a < bins[d]; a++) {
            for (int b = 0; b < bins[e]; b++) {
                int at = (a + 1) * stride + b + 1;
                cc[at] = c[a * stride + b] + cc[a * stride + b + 1] + cc[(a + 1) * stride + b] - cc[a * stride + b];
                cs[at] = s[a * stride + b] + cs[a * stride + b + 1] + cs[(a + 1) * stride + b] - cs[a * stride + b];
            }
        }
        return new PairTable(stride, cc, cs);
    }

    /** Count and successes of the slice given by one or two conditions (of different dimensions). */
    int[] stats(int[] conds) {
        if (conds.length == 1) {
            int k = conds[0];
            int d = condDim[k];
            return new int[] {cnt1[d][condHi[k] + 1] - cnt1[d][condLo[k]], pos1[d][condHi[k] + 1] - pos1[d][condLo[k]]};
        }
        if (conds.length == 2) {
            int a = conds[0];
            int b = conds[1];
            if (condDim[a] > condDim[b]) {
                int t = a;
                a = b;
                b = t;
            }
            PairTable t = pairs[condDim[a]][condDim[b]];
            return new int[] {t.count(condLo[a], condHi[a], condLo[b], condHi[b]),
                t.positives(condLo[a], condHi[a], condLo[b], condHi[b])};
        }
        int count = 0;
        int pos = 0;
        for (int i = 0; i < n; i++) {
            if (matches(conds, i)) {
                count++;
                pos += y[i];
            }
        }
        return new int[] {count, pos};
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
