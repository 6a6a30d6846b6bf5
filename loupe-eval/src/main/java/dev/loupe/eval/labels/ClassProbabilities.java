package dev.loupe.eval.labels;

/**
 * Given labels and out-of-sample class probabilities, one row per item: the input of confident
 * learning. Validated on construction: every row has {@code classes} entries, each finite and in
 * [0, 1], summing to 1 within {@link #SUM_TOLERANCE}; every label is in [0, classes).
 *
 * @param labels        the given class index of each item
 * @param probabilities [item][class] predicted probabilities (not copied; do not change them)
 * @param classes       the number of classes K &gt;= 2
 */
public record ClassProbabilities(int[] labels, double[][] probabilities, int classes) {
    /** How far a row's sum may be from 1 (rows written with 6 decimals to a CSV sum to 1 +- K * 5e-7). */
    public static final double SUM_TOLERANCE = 1e-3;

    /**
     * @throws IllegalArgumentException naming the item (0-based row) and the value when the input
     *                                  is not valid
     */
    public ClassProbabilities {
        if (classes < 2) {
            throw new IllegalArgumentException("confident learning needs at least 2 classes, got " + classes);
        }
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + probabilities.length + " probability rows");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no items");
        }
        for (int i = 0; i < labels.length; i++) {
            checkRow(i, labels[i], probabilities[i], classes);
        }
    }

    private static void checkRow(int i, int label, double[] p, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("item " + i + ": label " + label + " is not a class in [0, " + classes + ")");
        }
        if (p.length != classes) {
            throw new IllegalArgumentException("item " + i + ": " + p.length + " probabilities, expected " + classes);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double v = p[k];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("item " + i + ": probability of class " + k + " is " + v
                        + ", expected a number in [0, 1]");
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("item " + i + ": probabilities sum to " + sum + ", expected 1 (+- "
                    + SUM_TOLERANCE + ")");
        }
    }

    /** The number of items. */
    public int size() {
        return labels.length;
    }

    /** The number of items given each class. */
    public int[] labelCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** np.argmax of item i's row: the most probable class, the lowest index on ties. */
    public int predicted(int i) {
        double[] p = probabilities[i];
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
