package dev.loupe.eval.active;

/**
 * Lloyd's k-means on unit-length vectors, seeded by k-means++ ({@link Diversity}); a fixed number of
 * iterations at most, stopping early when no assignment changes. An emptied cluster keeps its
 * centre.
 */
public final class KMeans {
    private KMeans() {
    }

    /**
     * Clusters the rows into {@code k} groups.
     *
     * @return each row's cluster in [0, min(k, rows))
     */
    public static int[] assign(float[][] rows, int k, int iterations, long seed) {
        float[][] x = UnitVectors.of(rows);
        int n = x.length;
        int clusters = Math.min(k, n);
        int[] seeds = Diversity.kMeansPlusPlus(x, new float[0][], clusters, seed);
        int d = n == 0 ? 0 : x[0].length;
        double[][] centres = new double[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = new double[d];
            for (int j = 0; j < d; j++) {
                centres[c][j] = x[seeds[c]][j];
            }
        }
        int[] assignment = new int[n];
        java.util.Arrays.fill(assignment, -1);
        for (int it = 0; it < Math.max(1, iterations); it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = nearest(x[i], centres);
                if (best != assignment[i]) {
                    assignment[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            update(x, assignment, centres);
        }
        return assignment;
    }

    private static int nearest(float[] v, double[][] centres) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                double diff = v[j] - centres[c][j];
                s += diff * diff;
            }
            if (s < bestDistance) {
                bestDistance = s;
                best = c;
            }
        }
        return best;
    }

    private static void update(float[][] x, int[] assignment, double[][] centres) {
        int d = centres[0].length;
        double[][] sum = new double[centres.length][d];
        int[] count = new int[centres.length];
        for (int i = 0; i < x.length; i++) {
            int c = assignment[i];
            count[c]++;
            for (int j = 0; j < d; j++) {
                sum[c][j] += x[i][j];
            }
        }
        for (int c = 0; c < centres.length; c++) {
            if (count[c] > 0) {
                for (int j = 0; j < d; j++) {
                    centres[c][j] = sum[c][j] / count[c];
                }
            }
        }
    }

}
