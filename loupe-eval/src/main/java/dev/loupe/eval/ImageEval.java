package dev.loupe.eval;

/**
 * The matches of one image and category (or one image, class-agnostic) in one area range:
 * pycocotools' per-image {@code evalImgs} entry. Detections are in matching order (score
 * descending, at most maxDets-limit of them); ground truths have ignored ones last. Arrays are
 * shared, never modified after construction.
 *
 * @param dtIds      detection ids, D
 * @param dtScores   detection scores, D
 * @param gtIds      ground-truth ids, G
 * @param gtIgnore   per ground truth: crowd or outside the area range, G
 * @param dtMatches  [T][D]: id of the matched ground truth, 0 when unmatched
 * @param gtMatches  [T][G]: id of the (last) matched detection, 0 when unmatched
 * @param dtIgnore   [T][D]: matched to an ignored ground truth, or unmatched and outside the area range
 */
record ImageEval(long[] dtIds, double[] dtScores, long[] gtIds, boolean[] gtIgnore, long[][] dtMatches,
                 long[][] gtMatches, boolean[][] dtIgnore) {

    int detectionCount() {
        return dtIds.length;
    }
}
