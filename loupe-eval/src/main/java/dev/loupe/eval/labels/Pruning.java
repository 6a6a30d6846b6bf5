package dev.loupe.eval.labels;

/** The two pruning rules of {@code find_label_issues} and the prune counts they share. */
final class Pruning {
    private Pruning() {
    }

    /**
     * cleanlab's {@code _keep_at_least_n_per_class} with frac_noise 1: the transposed confident
     * joint ([true][given]) with every diagonal term at least n, the increase taken evenly from the
     * column's non-zero noise counts, rounded keeping row totals.
     */
    static int[][] pruneCounts(int[][] confidentJoint, int n) {
        int k = confidentJoint.length;
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = confidentJoint[j][i];
            }
        }
        double[] newDiagonal = new double[k];
        double[] perColumn = new double[k];
        for (int j = 0; j < k; j++) {
            newDiagonal[j] = Math.max(m[j][j], n);
            int nonZero = 0;
            for (int i = 0; i < k; i++) {
                nonZero += m[i][j] != 0 ? 1 : 0;
            }
            perColumn[j] = (newDiagonal[j] - m[j][j]) / Math.max(nonZero - 1.0, 1.0);
        }
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                // frac_noise = 1 leaves the noise counts, and truncation to int happens before rounding
                out[i][j] = i == j ? newDiagonal[j] : (long) Math.max(m[i][j] - perColumn[j], 0);
            }
        }
        return CountRounding.roundPreservingRowTotals(out);
    }

    /** Per class k, flags the items given k with the smallest p(k): as many as k's items minus prune[k][k]. */
    static boolean[] byClass(ClassProbabilities in, int[][] prune, int minExamples) {
        boolean[] mask = new boolean[in.size()];
        for (int k = 0; k < in.classes(); k++) {
            int[] items = itemsGiven(in, k);
            if (items.length <= minExamples) {
                continue;
            }
            int issues = items.length - prune[k][k];
            if (issues < 1) {
                continue;
            }
            double[] own = new double[items.length];
            for (int r = 0; r < items.length; r++) {
                own[r] = in.probabilities()[items[r]][k];
            }
            int[] order = NumpyOps.argsort(own);
            for (int r = 0; r < issues && r < order.length; r++) {
                mask[items[order[r]]] = true;
            }
        }
        return mask;
    }

    /** Per class k and other class j, flags the prune[j][k] items given k with the largest p(j) - p(k). */
    static boolean[] byNoiseRate(ClassProbabilities in, int[][] prune, int minExamples) {
        boolean[] mask = new boolean[in.size()];
        for (int k = 0; k < in.classes(); k++) {
            int[] items = itemsGiven(in, k);
            if (items.length <= minExamples) {
                continue;
            }
            for (int j = 0; j < in.classes(); j++) {
                int count = prune[j][k];
                if (j == k || count <= 0) {
                    continue;
                }
                double[] negativeMargin = new double[items.length];
                for (int r = 0; r < items.length; r++) {
                    double[] p = in.probabilities()[items[r]];
                    negativeMargin[r] = -(p[j] - p[k]);
                }
                int[] order = NumpyOps.argsort(negativeMargin);
                for (int r = 0; r < count && r < order.length; r++) {
                    mask[items[order[r]]] = true;
                }
            }
        }
        return mask;
    }

    private static int[] itemsGiven(ClassProbabilities in, int k) {
        int[] labels = in.labels();
        int n = 0;
        for (int label : labels) {
            n += label == k ? 1 : 0;
        }
        int[] items = new int[n];
        n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == k) {
                items[n++] = i;
            }
        }
        return items;
    }
}
