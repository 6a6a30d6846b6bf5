package dev.loupe.eval.active;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Cold-start selection without a model: k-means++ seeding (Arthur and Vassilvitskii, 2007) over
 * the pool's embeddings. Each next item is drawn with probability proportional to its squared
 * distance to the nearest item chosen or already labelled, so the choice covers the space and
 * leaves out what is already like the labelled set. Vectors are compared after scaling to unit
 * length (cosine geometry).
 */
public final class Diversity {
    /** At most this many labelled items act as existing centres (a seeded sample beyond it). */
    public static final int MAX_LABELLED_CENTRES = 5000;

    private Diversity() {
    }

    /**
     * Chooses {@code n} pool items in order of choice.
     *
     * @param pool     [item][dimension] embeddings of the candidates
     * @param labelled embeddings of items already labelled (may be empty)
     * @param n        how many to choose; at most the pool's size is returned
     * @param seed     the random seed
     * @return indices into {@code pool}
     */
    public static int[] kMeansPlusPlus(float[][] pool, float[][] labelled, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] x = UnitVectors.of(pool);
        int size = x.length;
        int take = Math.min(n, size);
        double[] nearest = new double[size];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (float[] c : UnitVectors.of(sample(labelled, MAX_LABELLED_CENTRES, rnd))) {
            for (int i = 0; i < size; i++) {
                nearest[i] = Math.min(nearest[i], UnitVectors.squaredDistance(x[i], c));
            }
        }
        boolean[] chosen = new boolean[size];
        int[] order = new int[take];
        for (int k = 0; k < take; k++) {
            int next = draw(nearest, chosen, rnd);
            order[k] = next;
            chosen[next] = true;
            for (int i = 0; i < size; i++) {
                nearest[i] = Math.min(nearest[i], UnitVectors.squaredDistance(x[i], x[next]));
            }
        }
        return order;
    }

    /** D² sampling over the unchosen items; uniform while there is no centre yet or every distance is 0. */
    private static int draw(double[] nearest, boolean[] chosen, SplittableRandom rnd) {
        double total = 0;
        int open = 0;
        boolean noCentre = false;
        for (int i = 0; i < nearest.length; i++) {
            if (!chosen[i]) {
                open++;
                noCentre |= Double.isInfinite(nearest[i]);
                total += nearest[i];
            }
        }
        if (noCentre || total <= 0) {
            int pick = rnd.nextInt(open);
            for (int i = 0; i < nearest.length; i++) {
                if (!chosen[i] && pick-- == 0) {
                    return i;
                }
            }
        }
        double r = rnd.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < nearest.length; i++) {
            if (!chosen[i] && nearest[i] > 0) {
                last = i;
                r -= nearest[i];
                if (r < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    /** At most {@code max} rows, a seeded sample when there are more. */
    static float[][] sample(float[][] rows, int max, SplittableRandom rnd) {
        if (rows.length <= max) {
            return rows;
        }
        float[][] copy = rows.clone();
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(copy.length - i);
            float[] t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return Arrays.copyOf(copy, max);
    }
}
