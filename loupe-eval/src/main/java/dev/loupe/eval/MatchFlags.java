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
        int nT = e.thresholds();
        int nD = e.detectionCount();
        byte[] flags = new byte[nD * nT];
        for (int t = 0; t < nT; t++) {
            for (int d = 0; d < nD; d++) {
                flags[d * nT + t] = e.dtIgnored(t, d) ? IGNORED : e.dtMatch(t, d) != 0 ? TRUE_POSITIVE : FALSE_POSITIVE;
            }
        }
        int regular = 0;
        for (boolean ig : e.gtIgnore()) {
            if (!ig) {
                regular++;
            }
        }
        return new MatchFlags(e.dtScores(), flags, regular);
    }

    int detectionCount() {
        return scores.length;
    }
}
