package dev.loupe.eval;

import java.util.Arrays;

/**
 * The matches of one image and category (or one image, class-agnostic) in one area range:
 * pycocotools' per-image {@code evalImgs} entry. Detections are in matching order (score
 * descending, at most maxDets-limit of them); ground truths have ignored ones last. The per
 * threshold tables are flat, row by row (one array each instead of one per threshold: a COCO
 * evaluation makes millions of these). Arrays are shared, never modified after construction.
 *
 * @param dtIds      detection ids, D
 * @param dtScores   detection scores, D
 * @param gtIds      ground-truth ids, G
 * @param gtIgnore   per ground truth: crowd or outside the area range, G
 * @param thresholds T, the number of IoU thresholds
 * @param dtMatches  [t * D + d]: id of the matched ground truth, 0 when unmatched
 * @param gtMatches  [t * G + g]: id of the (last) matched detection, 0 when unmatched
 * @param dtIgnore   [t * D + d]: matched to an ignored ground truth, or unmatched and outside the area range
 */
record ImageEval(long[] dtIds, double[] dtScores, long[] gtIds, boolean[] gtIgnore, int thresholds, long[] dtMatches,
                 long[] gtMatches, boolean[] dtIgnore) {

    int detectionCount() {
        return dtIds.length;
    }

    /** The ground truth detection d matched at threshold t, 0 when unmatched. */
    long dtMatch(int t, int d) {
        return dtMatches[t * dtIds.length + d];
    }

    /** Whether detection d is ignored at threshold t. */
    boolean dtIgnored(int t, int d) {
        return dtIgnore[t * dtIds.length + d];
    }

    /** The matches of every detection at threshold t (a copy). */
    long[] dtMatchRow(int t) {
        return Arrays.copyOfRange(dtMatches, t * dtIds.length, (t + 1) * dtIds.length);
    }

    /** The matches of every ground truth at threshold t (a copy). */
    long[] gtMatchRow(int t) {
        return Arrays.copyOfRange(gtMatches, t * gtIds.length, (t + 1) * gtIds.length);
    }

    /** Which detections are ignored at threshold t (a copy). */
    boolean[] dtIgnoreRow(int t) {
        return Arrays.copyOfRange(dtIgnore, t * dtIds.length, (t + 1) * dtIds.length);
    }
}
