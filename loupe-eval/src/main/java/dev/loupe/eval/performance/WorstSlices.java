package dev.loupe.eval.performance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Worst slices: conjunctions of up to 2 (or 3) conditions, each a range of one metric's quantile
 * bins or a class, where the outcome rate (recall over ground truths, precision over predictions)
 * is furthest below the global rate.
 *
 * <p>Conditions per metric (with the default 10 bins, deciles): "metric &lt;= end of bin h" for
 * every bin but the last, "metric &gt;= start of bin l" for every bin but the first, and every
 * single inner bin; plus "class = k" for every class when class ids are given. Items with a missing
 * metric value never satisfy that metric's conditions. Two conditions never use the same metric.
 *
 * <p>Search: all single conditions and all pairs are counted exactly and exhaustively from
 * cumulative 2-D tables of every pair of metrics (one pass over the items per pair); triples extend
 * the best {@code beamWidth} pairs (pairs and singles are re-counted from tables during reporting;
 * at most 200 triples are re-counted by a pass over the items, later ones are skipped). A
 * candidate slice S with n items and rate r is kept when n &gt;= minSupport, r &lt; R (the global
 * rate) and z = (R - r) / sqrt(R (1 - R) / n) &gt;= minZ. It is ranked by <b>score = n (R - r)</b>:
 * the number of successes it lacks compared with the global rate, which grows with both size and
 * gap. Ties rank fewer conditions first.
 *
 * <p>Redundancy: a slice with k &gt; 1 conditions is dropped unless, for every slice P made of
 * k - 1 of its conditions, r &lt; r_P by at least minRefinementZ standard errors
 * sqrt(r_P (1 - r_P) / n).
 *
 * <p>Reporting is greedy, so that variants of one problem are reported once: each next slice is
 * the one with the largest <b>uncovered score</b> n' (R - r'), computed over its n' items that no
 * better-ranked reported slice contains (r' their rate), which must still meet minSupport and
 * minZ. So after "a &lt;= q20 and b &gt;= q80", the wider "a &lt;= q30 and b &gt;= q70" or the
 * parent "a &lt;= q20" are reported only if their other items are themselves below the global
 * rate. (Lazy greedy: candidates are re-scored when they reach the top, which is exact when
 * removing covered items never raises a slice's score, as it is when covered items fail at least
 * at the global rate.)
 *
 * <p>Cost: O(metrics x n log n) to bin, O(dimensions^2 x n) for the pair tables (parallel),
 * O(conditions^2) to score the pairs; 10^5 items x 30 metrics takes well under a second.
 */
public final class WorstSlices {
    /** Candidates looked at while picking the reported slices, at most. */
    private static final int MAX_EXAMINED = 200_000;
    /** Three-condition candidates re-counted by a pass over the items (the tables hold pairs), at most. */
    private static final int MAX_SCANS = 200;

    private WorstSlices() {
    }

    /**
     * Finds the worst slices.
     *
     * @param metrics    metric name to values, one per item (NaN = missing); metrics that are
     *                   constant or all missing are skipped
     * @param outcome    per item, true = success (TP prediction, or detected ground truth)
     * @param classIds   per item class id, or null to search metric conditions only
     * @param classNames class id to display name, or null (then "class 3")
     * @param params     search limits and the words used in descriptions
     * @return at most maxResults slices, worst (highest score) first; empty when no slice qualifies
     */
    public static List<Slice> find(Map<String, double[]> metrics, boolean[] outcome, int[] classIds,
                                   Map<Integer, String> classNames, SliceParams params) {
        SliceSpace space = new SliceSpace(metrics, outcome, classIds, classNames, params.bins());
        if (space.n == 0) {
            return List.of();
        }
        double global = (double) space.totalPositives / space.n;
        List<Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < space.condDim.length; k++) {
            int[] s = space.counts.stats(new int[] {k});
            add(candidates, new int[] {k}, s[0], s[1], global, params);
        }
        if (params.maxConditions() >= 2) {
            pairs(space, candidates, global, params);
        }
        if (params.maxConditions() >= 3) {
            triples(space, candidates, global, params);
        }
        candidates.sort(RANKING);
        return select(space, candidates, global, params);
    }

    private static final Comparator<Candidate> RANKING = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparingInt(c -> c.conds.length)
            .thenComparing(c -> c.conds, java.util.Arrays::compare);

    private static void pairs(SliceSpace space, List<Candidate> out, double global, SliceParams params) {
        for (int d = 0; d < space.dims; d++) {
            for (int e = d + 1; e < space.dims; e++) {
                for (int a : space.condsOfDim[d]) {
                    for (int b : space.condsOfDim[e]) {
                        int[] conds = {a, b};
                        int[] s = space.counts.stats(conds);
                        add(out, conds, s[0], s[1], global, params);
                    }
                }
            }
        }
    }

    private static void triples(SliceSpace space, List<Candidate> out, double global, SliceParams params) {
        List<Candidate> beam = out.stream().filter(c -> c.conds.length == 2)
                .filter(c -> !redundant(space, c, params)).sorted(RANKING).limit(params.beamWidth()).toList();
        Set<List<Integer>> seen = new HashSet<>();
        int[] items = new int[space.n];
        for (Candidate parent : beam) {
            int size = 0;
            for (int i = 0; i < space.n; i++) {
                if (space.matches(parent.conds, i)) {
                    items[size++] = i;
                }
            }
            for (int e = 0; e < space.dims; e++) {
                if (e == space.condDim[parent.conds[0]] || e == space.condDim[parent.conds[1]]) {
                    continue;
                }
                int[][] h = space.histogram(e, items, size);
                for (int c : space.condsOfDim[e]) {
                    int count = h[0][space.condHi[c] + 1] - h[0][space.condLo[c]];
                    if (count < params.minSupport()) {
                        continue;
                    }
                    int[] conds = {parent.conds[0], parent.conds[1], c};
                    java.util.Arrays.sort(conds); // condition ids grow with the dimension
                    if (seen.add(List.of(conds[0], conds[1], conds[2]))) {
                        add(out, conds, count, h[1][space.condHi[c] + 1] - h[1][space.condLo[c]], global, params);
                    }
                }
            }
        }
    }

    private static void add(List<Candidate> out, int[] conds, int count, int pos, double global, SliceParams params) {
        if (count < params.minSupport()) {
            return;
        }
        double rate = (double) pos / count;
        if (!(rate < global)) {
            return;
        }
        double z = z(global, rate, count);
        if (z >= params.minZ()) {
            out.add(new Candidate(conds, count, pos, count * (global - rate), z));
        }
    }

    /** (reference - rate) in binomial standard errors of the reference at size n; +inf when that is 0. */
    static double z(double reference, double rate, int n) {
        double se = Math.sqrt(reference * (1 - reference) / n);
        return se == 0 ? (rate < reference ? Double.POSITIVE_INFINITY : 0) : (reference - rate) / se;
    }

    private static boolean redundant(SliceSpace space, Candidate c, SliceParams params) {
        if (c.conds.length < 2) {
            return false;
        }
        double rate = (double) c.pos / c.count;
        for (int drop = 0; drop < c.conds.length; drop++) {
            int[] parent = new int[c.conds.length - 1];
            for (int k = 0, q = 0; k < c.conds.length; k++) {
                if (k != drop) {
                    parent[q++] = c.conds[k];
                }
            }
            int[] s = space.counts.stats(parent);
            double parentRate = (double) s[1] / s[0];
            if (!(rate < parentRate) || z(parentRate, rate, c.count) < params.minRefinementZ()) {
                return true;
            }
        }
        return false;
    }

    private static List<Slice> select(SliceSpace space, List<Candidate> ranked, double global, SliceParams params) {
        List<Slice> out = new ArrayList<>();
        boolean[] covered = new boolean[space.n];
        SliceCounts uncovered = space.counts.copy();
        int scans = 0;
        // Candidates in ranking order, merged with those re-queued under a lowered (uncovered) score.
        java.util.PriorityQueue<Requeued> requeued = new java.util.PriorityQueue<>(
                Comparator.comparingDouble(Requeued::key).reversed().thenComparingInt(Requeued::rank));
        int next = 0;
        int examined = 0;
        while (out.size() < params.maxResults() && examined < MAX_EXAMINED
                && (next < ranked.size() || !requeued.isEmpty())) {
            Candidate c;
            int rank;
            if (requeued.isEmpty() || (next < ranked.size() && ranked.get(next).score >= requeued.peek().key)) {
                rank = next;
                c = ranked.get(next++);
                if (redundant(space, c, params)) {
                    continue;
                }
            } else {
                Requeued r = requeued.poll();
                rank = r.rank;
                c = r.candidate;
            }
            examined++;
            int count = 0;
            int pos = 0;
            if (c.conds.length <= 2) {
                int[] s = uncovered.stats(c.conds);
                count = s[0];
                pos = s[1];
            } else if (out.isEmpty()) {
                count = c.count;
                pos = c.pos;
            } else if (scans++ < MAX_SCANS) {
                for (int i = 0; i < space.n; i++) {
                    if (!covered[i] && space.matches(c.conds, i)) {
                        count++;
                        pos += space.y[i];
                    }
                }
            }
            if (count < params.minSupport()) {
                continue;
            }
            double rate = (double) pos / count;
            double key = count * (global - rate);
            if (!(rate < global) || z(global, rate, count) < params.minZ()) {
                continue;
            }
            double best = Math.max(next < ranked.size() ? ranked.get(next).score : Double.NEGATIVE_INFINITY,
                    requeued.isEmpty() ? Double.NEGATIVE_INFINITY : requeued.peek().key);
            if (key < best) {
                requeued.add(new Requeued(c, key, rank));
                continue;
            }
            for (int i = 0; i < space.n; i++) {
                if (!covered[i] && space.matches(c.conds, i)) {
                    covered[i] = true;
                    uncovered.remove(i);
                }
            }
            uncovered.refresh();
            List<SliceCondition> conditions = new ArrayList<>();
            for (int k : c.conds) {
                conditions.add(space.conditions[k]);
            }
            RateStats stats = RateStats.of(c.count, c.pos);
            out.add(new Slice(conditions, stats, global, global - stats.rate(), c.score, c.z, count, key,
                    SliceText.slice(conditions, stats, global, params)));
        }
        return out;
    }

    /** A candidate waiting with its uncovered score as key; rank breaks ties in ranking order. */
    private record Requeued(Candidate candidate, double key, int rank) {
    }

    /** A scored candidate: condition ids ascending (so by dimension), count, successes. */
    private record Candidate(int[] conds, int count, int pos, double score, double z) {
    }
}
