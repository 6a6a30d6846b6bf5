package dev.loupe.eval.performance;

import java.util.Objects;

/**
 * Parameters of the worst-slice search ({@link WorstSlices}).
 *
 * @param bins            quantile bins per metric from which conditions are made, 2..100
 *                        (default 10: deciles)
 * @param maxConditions   conditions per slice, 1..3 (default 2). Pairs are searched exhaustively;
 *                        triples extend the best {@code beamWidth} pairs
 * @param minSupport      smallest slice, in items (default 30)
 * @param minZ            a slice is kept only when its rate is below the global rate by at least
 *                        this many binomial standard errors, z = (r_all - r) / sqrt(r_all (1 - r_all)
 *                        / n) (default 3; a heuristic guard against the many candidates, not a
 *                        corrected test)
 * @param minRefinementZ  a slice with more than one condition is kept only when, for each slice
 *                        with one condition fewer, its rate is lower by at least this many
 *                        standard errors of that parent's rate at the child's size (default 2);
 *                        otherwise the extra condition adds nothing and the slice is redundant
 * @param maxResults      how many slices to report (default 10)
 * @param beamWidth       pairs extended to triples when maxConditions is 3 (default 20)
 * @param outcomeName     what the rate is called in descriptions: "recall", "precision"
 * @param itemNoun        what the items are called in descriptions, plural: "objects", "predictions"
 */
public record SliceParams(int bins, int maxConditions, int minSupport, double minZ, double minRefinementZ,
                          int maxResults, int beamWidth, String outcomeName, String itemNoun) {
    public SliceParams {
        Objects.requireNonNull(outcomeName, "outcomeName");
        Objects.requireNonNull(itemNoun, "itemNoun");
        if (bins < 2 || bins > 100 || maxConditions < 1 || maxConditions > 3 || minSupport < 1 || maxResults < 1
                || beamWidth < 1 || Double.isNaN(minZ)
                || Double.isNaN(minRefinementZ)) {
            throw new IllegalArgumentException("invalid slice parameters: " + bins + " bins, " + maxConditions
                    + " conditions, support " + minSupport + ", " + maxResults
                    + " results, beam " + beamWidth);
        }
    }

    /** Deciles, up to 2 conditions, support 30, z 3, refinement z 2, 10 results, beam 20. */
    public static SliceParams defaults(String outcomeName, String itemNoun) {
        return new SliceParams(10, 2, 30, 3, 2, 10, 20, outcomeName, itemNoun);
    }

    /** Recall over ground-truth objects, the default search. */
    public static SliceParams recallOfObjects() {
        return defaults("recall", "objects");
    }

    /** Precision over predictions, the default search. */
    public static SliceParams precisionOfPredictions() {
        return defaults("precision", "predictions");
    }

    /** A copy with another number of conditions per slice. */
    public SliceParams withMaxConditions(int n) {
        return new SliceParams(bins, n, minSupport, minZ, minRefinementZ, maxResults, beamWidth,
                outcomeName, itemNoun);
    }

    /** A copy with another minimum support. */
    public SliceParams withMinSupport(int n) {
        return new SliceParams(bins, maxConditions, n, minZ, minRefinementZ, maxResults, beamWidth,
                outcomeName, itemNoun);
    }

    /** A copy that reports at most n slices. */
    public SliceParams withMaxResults(int n) {
        return new SliceParams(bins, maxConditions, minSupport, minZ, minRefinementZ, n, beamWidth,
                outcomeName, itemNoun);
    }
}
