package dev.loupe.eval.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActiveLearningTest {
    private static final double EXACT = 1e-12;

    @Test
    void uncertaintyScoresMatchTheirDefinitionsComputedByHand() {
        double[] tie = {0.5, 0.5};
        assertEquals(Math.log(2), Uncertainty.ENTROPY.score(tie), EXACT);
        assertEquals(0.5, Uncertainty.LEAST_CONFIDENCE.score(tie), EXACT);
        assertEquals(1.0, Uncertainty.MARGIN.score(tie), EXACT);
        double[] sure = {0, 1, 0};
        for (Uncertainty u : Uncertainty.values()) {
            assertEquals(0, u.score(sure), EXACT, u.id());
        }
        double[] p = {0.1, 0.7, 0.2};
        // -(0.7 ln 0.7 + 0.2 ln 0.2 + 0.1 ln 0.1) = 0.801818...
        assertEquals(0.8018185525433373, Uncertainty.ENTROPY.score(p), 1e-12);
        assertEquals(0.3, Uncertainty.LEAST_CONFIDENCE.score(p), EXACT);
        assertEquals(0.5, Uncertainty.MARGIN.score(p), EXACT);
        assertEquals(1.0, Uncertainty.MARGIN.score(new double[] {0.4, 0.4, 0.2}), EXACT, "a tie for first place");
        assertEquals(Math.log(4), Uncertainty.ENTROPY.score(new double[] {0.25, 0.25, 0.25, 0.25}), EXACT);
        assertEquals(Uncertainty.MARGIN, Uncertainty.of("margin"));
        assertThrows(IllegalArgumentException.class, () -> Uncertainty.of("variance"));
    }

    @Test
    void diversityTakesOneItemFromEachSeparatedGroupAndAvoidsTheLabelledOne() {
        float[][] pool = blobs(3, 40, 7);
        int[] chosen = Diversity.kMeansPlusPlus(pool, new float[0][], 3, 1);
        assertEquals(3, Arrays.stream(chosen).map(i -> i / 40).distinct().count(), Arrays.toString(chosen));
        float[][] labelled = {pool[0].clone(), pool[1].clone()};
        int[] around = Diversity.kMeansPlusPlus(pool, labelled, 2, 2);
        assertEquals(2, Arrays.stream(around).map(i -> i / 40).filter(g -> g != 0).distinct().count(),
                "the groups with no labelled item come first: " + Arrays.toString(around));
        assertArrayEquals(chosen, Diversity.kMeansPlusPlus(pool, new float[0][], 3, 1), "seeded");
        assertEquals(120, Arrays.stream(Diversity.kMeansPlusPlus(pool, labelled, 500, 3)).distinct().count(),
                "asking for more than the pool returns the pool once");
    }

    @Test
    void kMeansRecoversSeparatedGroups() {
        float[][] pool = blobs(4, 25, 11);
        int[] cluster = KMeans.assign(pool, 4, 10, 5);
        for (int g = 0; g < 4; g++) {
            for (int i = 1; i < 25; i++) {
                assertEquals(cluster[g * 25], cluster[g * 25 + i], "group " + g);
            }
        }
        assertEquals(4, Arrays.stream(cluster).distinct().count());
    }

    @Test
    void hybridTakesTheMostUncertainItemOfEachGroup() {
        float[][] pool = blobs(3, 20, 3);
        double[] u = new double[60];
        for (int i = 0; i < 60; i++) {
            u[i] = (i * 37 % 60) / 100.0;
        }
        // the most uncertain of all three are in group 0: plain uncertainty would take them all there
        u[1] = 0.97;
        u[2] = 0.98;
        u[3] = 0.99;
        int[] chosen = Hybrid.select(pool, u, 3, 9);
        int[] expected = new int[3];
        for (int g = 0; g < 3; g++) {
            int best = g * 20;
            for (int i = g * 20; i < g * 20 + 20; i++) {
                best = u[i] > u[best] ? i : best;
            }
            expected[g] = best;
        }
        int[] sortedChosen = chosen.clone();
        Arrays.sort(sortedChosen);
        assertArrayEquals(expected, sortedChosen);
        assertEquals(3, chosen[0], "most uncertain first");
        double[] unscored = u.clone();
        Arrays.fill(unscored, 40, 60, Double.NaN);
        int[] filled = Hybrid.select(pool, unscored, 3, 9);
        assertEquals(3, filled.length, "a group with no scored item leaves its place to the next most uncertain");
        assertNotEquals(2, filled[2] / 20);
    }

    /** {@code groups} tight groups of points around orthogonal directions. */
    private static float[][] blobs(int groups, int each, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = groups + 2;
        float[][] x = new float[groups * each][d];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < each; i++) {
                float[] v = x[g * each + i];
                for (int j = 0; j < d; j++) {
                    v[j] = (float) (rnd.nextGaussian() * 0.02);
                }
                v[g] += 1;
            }
        }
        return x;
    }
}
