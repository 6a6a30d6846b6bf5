package dev.loupe.eval.active;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Uncertainty within diversity clusters: the pool is clustered into {@code n} groups by k-means on
 * its embeddings and the most uncertain item of each group is taken, so that a batch does not
 * spend its labels on many near-identical uncertain items. The chosen items come most uncertain
 * first; clusters without a scored item leave their place to the most uncertain items left.
 */
public final class Hybrid {
    /** Lloyd iterations at most. */
    public static final int ITERATIONS = 10;

    private Hybrid() {
    }

    /**
     * @param pool        [item][dimension] embeddings of the candidates
     * @param uncertainty each candidate's score, higher = more uncertain (NaN: never chosen)
     * @param n           batch size
     * @return indices into {@code pool}, at most {@code n}
     */
    public static int[] select(float[][] pool, double[] uncertainty, int n, long seed) {
        int[] cluster = KMeans.assign(pool, n, ITERATIONS, seed);
        int clusters = Math.min(n, pool.length);
        int[] best = new int[clusters];
        java.util.Arrays.fill(best, -1);
        for (int i = 0; i < pool.length; i++) {
            if (Double.isNaN(uncertainty[i])) {
                continue;
            }
            int c = cluster[i];
            if (best[c] < 0 || uncertainty[i] > uncertainty[best[c]]) {
                best[c] = i;
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int b : best) {
            if (b >= 0) {
                chosen.add(b);
            }
        }
        Comparator<Integer> mostUncertain = Comparator.comparingDouble((Integer i) -> -uncertainty[i]).thenComparingInt(i -> i);
        chosen.sort(mostUncertain);
        if (chosen.size() < n) {
            // clusters with no scored item: the batch is filled with the most uncertain items left
            java.util.Set<Integer> taken = new java.util.HashSet<>(chosen);
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < pool.length; i++) {
                if (!taken.contains(i) && !Double.isNaN(uncertainty[i])) {
                    rest.add(i);
                }
            }
            rest.sort(mostUncertain);
            chosen.addAll(rest.subList(0, Math.min(rest.size(), n - chosen.size())));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
