package dev.loupe.bench;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Retrieval scores over one {@link Feature}: ranks of a known target among candidates, and the
 * classes of the nearest neighbours. A candidate tied with the target counts as ranked before it
 * (pessimistic: Hamming distances tie often, and a tie is no evidence that the target was found).
 */
final class Retrieval {
    /** Which rows a query may not retrieve (besides itself). */
    interface Excluded {
        boolean test(int query, int candidate);
    }

    private Retrieval() {
    }

    /**
     * 1-based rank of {@code target} for {@code query} among all rows but the query and the
     * excluded ones: 1 + the number of candidates at least as similar as the target.
     */
    static int rank(Feature f, int query, int target, Excluded excluded) {
        double t = f.similarity(query, target);
        int ahead = 0;
        for (int c = 0; c < f.size(); c++) {
            if (c == query || c == target || (excluded != null && excluded.test(query, c))) {
                continue;
            }
            if (f.similarity(query, c) >= t) {
                ahead++;
            }
        }
        return 1 + ahead;
    }

    /** {@link #rank} for many queries, in parallel. */
    static int[] ranks(Feature f, int[] queries, int[] targets, Excluded excluded) {
        return IntStream.range(0, queries.length).parallel().map(i -> rank(f, queries[i], targets[i], excluded)).toArray();
    }

    /** The share of ranks at most k. */
    static double recallAt(int[] ranks, int k) {
        return ranks.length == 0 ? Double.NaN : (double) Arrays.stream(ranks).filter(r -> r <= k).count() / ranks.length;
    }

    /**
     * Mean over queries of the share of their k nearest candidates (ties broken by row order) with
     * the query's class; candidates in the query's own group (image) are excluded.
     */
    static double precisionAt(Feature f, int[] classes, int[] groups, int k) {
        int n = f.size();
        double[] p = IntStream.range(0, n).parallel().mapToDouble(q -> {
            int[] best = new int[k];
            double[] sim = new double[k];
            int found = 0;
            for (int c = 0; c < n; c++) {
                if (groups[c] == groups[q]) {
                    continue;
                }
                double s = f.similarity(q, c);
                if (found == k && s <= sim[k - 1]) {
                    continue;
                }
                int at = Math.min(found, k - 1);
                while (at > 0 && sim[at - 1] < s) {
                    sim[at] = sim[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                sim[at] = s;
                best[at] = c;
                found = Math.min(k, found + 1);
            }
            int same = 0;
            for (int j = 0; j < found; j++) {
                same += classes[best[j]] == classes[q] ? 1 : 0;
            }
            return found == 0 ? Double.NaN : (double) same / found;
        }).toArray();
        return Arrays.stream(p).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
