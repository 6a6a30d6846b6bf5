package dev.loupe.eval;

/**
 * What accumulation reads of one {@link ImageEval}: the detections' scores in matching order, one
 * flag per detection and IoU threshold, and the number of ground truths that count.
 *
 * @param scores              detection scores, D, in matching order
 * @param flags               [d * T + t]: 0 false positive, 1 true positive, 2 ignored
 * @param regularGroundTruths ground truths neither crowd nor outside the area range
 */
record MatchFlags(double[] scores, byte[] flags, int regularGroundTruths) {
    static final byte FALSE_POSITIVE = 0;
    static final byte TRUE_POSITIVE = 1;
    static final byte IGNORED = 2;

    /** The flags of a match at its T thresholds, detection by detection. */
    static MatchFlags of(ImageEval e) {
        return of(e.dtScores(), e.dtMatches(), e.dtIgnore(), e.gtIgnore(), e.gtIds().length, e.thresholds());
    }

    /**
     * The flags of match tables laid out as {@link ImageEval}'s ([t * D + d], D = scores.length);
     * only the first {@code groundTruths} entries of {@code gtIgnore} are read.
     */
    static MatchFlags of(double[] scores, long[] dtMatches, boolean[] dtIgnore, boolean[] gtIgnore, int groundTruths,
                         int thresholds) {
        int nD = scores.length;
        byte[] flags = new byte[nD * thresholds];
        for (int t = 0; t < thresholds; t++) {
            for (int d = 0; d < nD; d++) {
                flags[d * thresholds + t] = dtIgnore[t * nD + d] ? IGNORED
                        : dtMatches[t * nD + d] != 0 ? TRUE_POSITIVE : FALSE_POSITIVE;
            }
        }
        int regular = 0;
        for (int g = 0; g < groundTruths; g++) {
            if (!gtIgnore[g]) {
                regular++;
            }
        }
        return new MatchFlags(scores, flags, regular);
    }

    int detectionCount() {
        return scores.length;
    }
}
