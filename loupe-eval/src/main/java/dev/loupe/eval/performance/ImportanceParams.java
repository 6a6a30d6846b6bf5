package dev.loupe.eval.performance;

/**
 * Parameters of {@link MetricImportance}.
 *
 * @param miBins          quantile bins per metric (and per continuous target) for mutual
 *                        information, &gt;= 2 (default 10)
 * @param trees           trees in the forest, &gt;= 1 (default 50); 0 skips the forest
 * @param maxDepth        depth limit of each tree, &gt;= 1 (default 6)
 * @param samplesPerTree  each tree is grown on a bootstrap sample of min(n, this) items (default
 *                        20 000), which bounds the cost for large n
 * @param minLeaf         smallest number of sample items in a leaf, &gt;= 1 (default 5)
 * @param seed            seed of the forest's random numbers; equal seeds give equal results
 * @param minItems        fewer items than this flag the sample as too small (default 50)
 * @param minPerOutcome   for a binary target, fewer positives or negatives than this flag the
 *                        sample as too small (default 10)
 */
public record ImportanceParams(int miBins, int trees, int maxDepth, int samplesPerTree, int minLeaf, long seed,
                               int minItems, int minPerOutcome) {
    public ImportanceParams {
        if (miBins < 2 || trees < 0 || maxDepth < 1 || samplesPerTree < 1 || minLeaf < 1 || minItems < 0
                || minPerOutcome < 0) {
            throw new IllegalArgumentException("invalid importance parameters: " + miBins + " bins, " + trees
                    + " trees, depth " + maxDepth + ", " + samplesPerTree + " samples per tree, min leaf " + minLeaf);
        }
    }

    /** 10 MI bins; 50 trees of depth 6 on up to 20 000 items each, leaves of 5; seed 1; 50 items, 10 per outcome. */
    public static ImportanceParams defaults() {
        return new ImportanceParams(10, 50, 6, 20_000, 5, 1L, 50, 10);
    }

    /** A copy with another seed. */
    public ImportanceParams withSeed(long newSeed) {
        return new ImportanceParams(miBins, trees, maxDepth, samplesPerTree, minLeaf, newSeed, minItems, minPerOutcome);
    }
}
