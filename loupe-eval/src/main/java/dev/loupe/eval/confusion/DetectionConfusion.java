package dev.loupe.eval.confusion;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Iou;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The confusion matrix of a detection set over classes plus background, at one IoU threshold and a
 * lowest score, computed per image:
 * <ol>
 *   <li>predictions scoring at least {@code minScore} are taken highest score first (ties: lower id);</li>
 *   <li>each takes the not yet matched ground truth of <em>any</em> class with the highest box IoU, if
 *       that IoU is at least the threshold (ties: lower ground-truth id): cell (its class, the
 *       prediction's class), the diagonal when they agree;</li>
 *   <li>a prediction that matches nothing is (background, its class): a spurious detection; a
 *       prediction whose best match is a crowd region is left out, as COCO ignores it;</li>
 *   <li>a non-crowd ground truth left unmatched is (its class, background): a missed object.</li>
 * </ol>
 * The matching is COCO's greedy one without the class condition, so the diagonal counts at most
 * the true positives at this threshold (fewer when a prediction of the right class lost its object
 * to a higher-scored prediction of another class). Box IoU is used for every shape.
 */
public final class DetectionConfusion {
    private DetectionConfusion() {
    }

    /** A ground-truth object: id, class index (0..C-1), box, crowd flag. */
    public record Truth(long id, int classIndex, Box box, boolean crowd) {
    }

    /** A prediction: id, class index (0..C-1), box, score. */
    public record Guess(long id, int classIndex, Box box, double score) {
    }

    /**
     * Counts and members per cell; index {@code C} (the last) is background.
     *
     * @param counts    [true class or background][predicted class or background]
     * @param truthIds  ground-truth ids per cell (their class row, background or matched column)
     * @param guessIds  prediction ids per cell (empty for the background column)
     */
    public record Matrix(int classes, long[][] counts, List<List<List<Long>>> truthIds, List<List<List<Long>>> guessIds) {
        /** The count of cell (row, column). */
        public long count(int row, int column) {
            return counts[row][column];
        }
    }

    /** An empty matrix for {@code classes} classes, to which images are added. */
    public static Builder builder(int classes, double iouThreshold, double minScore) {
        return new Builder(classes, iouThreshold, minScore);
    }

    /** Adds images one at a time (memory holds one image's objects plus the ids of the cells). */
    public static final class Builder {
        private final int c;
        private final double threshold;
        private final double minScore;
        private final long[][] counts;
        private final List<List<List<Long>>> truthIds = new ArrayList<>();
        private final List<List<List<Long>>> guessIds = new ArrayList<>();

        private Builder(int classes, double threshold, double minScore) {
            if (classes < 1) {
                throw new IllegalArgumentException("classes must be >= 1, got " + classes);
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + threshold);
            }
            this.c = classes;
            this.threshold = threshold;
            this.minScore = minScore;
            this.counts = new long[classes + 1][classes + 1];
            for (int i = 0; i <= classes; i++) {
                List<List<Long>> t = new ArrayList<>();
                List<List<Long>> g = new ArrayList<>();
                for (int j = 0; j <= classes; j++) {
                    t.add(new ArrayList<>());
                    g.add(new ArrayList<>());
                }
                truthIds.add(t);
                guessIds.add(g);
            }
        }

        /** One image's ground truths and predictions. */
        public Builder image(List<Truth> truths, List<Guess> guesses) {
            List<Guess> order = guesses.stream().filter(g -> g.score() >= minScore)
                    .sorted(Comparator.comparingDouble(Guess::score).reversed().thenComparingLong(Guess::id)).toList();
            List<Truth> gts = truths.stream().sorted(Comparator.comparingLong(Truth::id)).toList();
            boolean[] taken = new boolean[gts.size()];
            for (Guess g : order) {
                check(g.classIndex());
                int best = -1;
                double bestIou = threshold;
                for (int k = 0; k < gts.size(); k++) {
                    Truth t = gts.get(k);
                    if (taken[k] && !t.crowd()) {
                        continue;
                    }
                    double iou = Iou.box(g.box(), t.box(), t.crowd());
                    if (iou >= bestIou && (best < 0 || iou > bestIou)) {
                        best = k;
                        bestIou = iou;
                    }
                }
                if (best < 0) {
                    add(c, g.classIndex(), null, g.id());
                } else if (!gts.get(best).crowd()) {
                    taken[best] = true;
                    Truth t = gts.get(best);
                    check(t.classIndex());
                    add(t.classIndex(), g.classIndex(), t.id(), g.id());
                }
            }
            for (int k = 0; k < gts.size(); k++) {
                Truth t = gts.get(k);
                if (!taken[k] && !t.crowd()) {
                    check(t.classIndex());
                    add(t.classIndex(), c, t.id(), null);
                }
            }
            return this;
        }

        private void check(int classIndex) {
            if (classIndex < 0 || classIndex >= c) {
                throw new IllegalArgumentException("class index " + classIndex + " outside 0.." + (c - 1));
            }
        }

        private void add(int row, int column, Long truth, Long guess) {
            counts[row][column]++;
            if (truth != null) {
                truthIds.get(row).get(column).add(truth);
            }
            if (guess != null) {
                guessIds.get(row).get(column).add(guess);
            }
        }

        public Matrix build() {
            return new Matrix(c, counts, truthIds, guessIds);
        }
    }
}
