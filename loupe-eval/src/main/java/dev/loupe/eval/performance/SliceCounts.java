package dev.loupe.eval.performance;

import java.util.stream.IntStream;

/**
 * Count and successes of every one- and two-condition slice of a {@link SliceSpace}, read in O(1)
 * from cumulative tables of each dimension and each pair of dimensions. Items can be removed
 * (then {@link #refresh()}) to count only the items not yet covered by reported slices.
 */
final class SliceCounts {
    private final SliceSpace space;
    /** Per dimension d: raw counts by code (bins, then missing) and cumulative counts over bins. */
    private final int[][] raw1c;
    private final int[][] raw1p;
    private final int[][] cum1c;
    private final int[][] cum1p;
    /** Per pair d &lt; e (index pairIndex): raw counts by code pair, stride bins[e] + 1, and cumulative. */
    private final int[][] raw2c;
    private final int[][] raw2p;
    private final int[][] cum2c;
    private final int[][] cum2p;

    SliceCounts(SliceSpace space) {
        this.space = space;
        int dims = space.dims;
        raw1c = new int[dims][];
        raw1p = new int[dims][];
        for (int d = 0; d < dims; d++) {
            raw1c[d] = new int[space.bins[d] + 1];
            raw1p[d] = new int[space.bins[d] + 1];
            short[] code = space.codes[d];
            for (int i = 0; i < space.n; i++) {
                raw1c[d][code[i]]++;
                raw1p[d][code[i]] += space.y[i];
            }
        }
        int pairs = dims * (dims - 1) / 2;
        raw2c = new int[pairs][];
        raw2p = new int[pairs][];
        IntStream.range(0, dims).parallel().forEach(d -> {
            for (int e = d + 1; e < dims; e++) {
                int stride = space.bins[e] + 1;
                int[] c = new int[(space.bins[d] + 1) * stride];
                int[] p = new int[c.length];
                short[] cd = space.codes[d];
                short[] ce = space.codes[e];
                int[] y = space.y;
                for (int i = 0; i < space.n; i++) {
                    int idx = cd[i] * stride + ce[i];
                    c[idx]++;
                    p[idx] += y[i];
                }
                raw2c[pairIndex(d, e)] = c;
                raw2p[pairIndex(d, e)] = p;
            }
        });
        cum1c = new int[dims][];
        cum1p = new int[dims][];
        cum2c = new int[pairs][];
        cum2p = new int[pairs][];
        refresh();
    }

    private SliceCounts(SliceCounts o) {
        space = o.space;
        raw1c = deep(o.raw1c);
        raw1p = deep(o.raw1p);
        raw2c = deep(o.raw2c);
        raw2p = deep(o.raw2p);
        cum1c = deep(o.cum1c);
        cum1p = deep(o.cum1p);
        cum2c = deep(o.cum2c);
        cum2p = deep(o.cum2p);
    }

    /** An independent copy. */
    SliceCounts copy() {
        return new SliceCounts(this);
    }

    private int pairIndex(int d, int e) {
        // pairs (0,1) (0,2) ... (0,D-1) (1,2) ...
        return d * (2 * space.dims - d - 1) / 2 + (e - d - 1);
    }

    /** Takes one item out of the raw counts; call {@link #refresh()} after the last removal. */
    void remove(int item) {
        int dims = space.dims;
        int y = space.y[item];
        for (int d = 0; d < dims; d++) {
            int cd = space.codes[d][item];
            raw1c[d][cd]--;
            raw1p[d][cd] -= y;
            for (int e = d + 1; e < dims; e++) {
                int idx = cd * (space.bins[e] + 1) + space.codes[e][item];
                int q = pairIndex(d, e);
                raw2c[q][idx]--;
                raw2p[q][idx] -= y;
            }
        }
    }

    /** Recomputes the cumulative tables from the raw counts (missing codes excluded). */
    void refresh() {
        int dims = space.dims;
        for (int d = 0; d < dims; d++) {
            int nb = space.bins[d];
            int[] c = new int[nb + 1];
            int[] p = new int[nb + 1];
            for (int b = 0; b < nb; b++) {
                c[b + 1] = c[b] + raw1c[d][b];
                p[b + 1] = p[b] + raw1p[d][b];
            }
            cum1c[d] = c;
            cum1p[d] = p;
            for (int e = d + 1; e < dims; e++) {
                int q = pairIndex(d, e);
                cum2c[q] = cumulative(raw2c[q], nb, space.bins[e]);
                cum2p[q] = cumulative(raw2p[q], nb, space.bins[e]);
            }
        }
    }

    /** C[i][j] = sum of raw[a][b] over a &lt; i, b &lt; j, stride cols + 1 (the missing code's width). */
    private static int[] cumulative(int[] raw, int rows, int cols) {
        int stride = cols + 1;
        int[] c = new int[raw.length];
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < cols; b++) {
                c[(a + 1) * stride + b + 1] = raw[a * stride + b] + c[a * stride + b + 1] + c[(a + 1) * stride + b]
                        - c[a * stride + b];
            }
        }
        return c;
    }

    /** {count, successes} of the slice of one condition or two conditions of different dimensions. */
    int[] stats(int[] conds) {
        if (conds.length == 1) {
            int k = conds[0];
            int d = space.condDim[k];
            int lo = space.condLo[k];
            int hi = space.condHi[k] + 1;
            return new int[] {cum1c[d][hi] - cum1c[d][lo], cum1p[d][hi] - cum1p[d][lo]};
        }
        if (conds.length != 2) {
            throw new IllegalArgumentException("tables hold one or two conditions, not " + conds.length);
        }
        int a = conds[0];
        int b = conds[1];
        if (space.condDim[a] > space.condDim[b]) {
            int t = a;
            a = b;
            b = t;
        }
        int d = space.condDim[a];
        int e = space.condDim[b];
        int q = pairIndex(d, e);
        int stride = space.bins[e] + 1;
        return new int[] {rect(cum2c[q], stride, a, b), rect(cum2p[q], stride, a, b)};
    }

    private int rect(int[] c, int stride, int a, int b) {
        int lo1 = space.condLo[a];
        int hi1 = space.condHi[a] + 1;
        int lo2 = space.condLo[b];
        int hi2 = space.condHi[b] + 1;
        return c[hi1 * stride + hi2] - c[lo1 * stride + hi2] - c[hi1 * stride + lo2] + c[lo1 * stride + lo2];
    }

    private static int[][] deep(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
