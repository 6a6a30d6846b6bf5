package dev.loupe.app.issues;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of {@code loupe issues}, the stable JSON shape of {@code --json} (an array of these in
 * rank order; documented in the README, pinned by IssuesCommandTest).
 *
 * @param rank           1 = likeliest problem
 * @param kind           wrong_class, missing_label, badly_located, degenerate, out_of_bounds,
 *                       duplicate, or an image rule id (dark, blurry, ...)
 * @param source         confident_learning, objectlab, box_check or image_rule
 * @param predictionSet  the prediction set the entry comes from, or null
 * @param image          the image's path relative to the images folder
 * @param annotationId   the labelled object's id, or null (image-level items and missing labels)
 * @param box            [x, y, w, h] in pixels of the labelled object, or of the predicted object
 *                       for a missing label; null for image-level items
 * @param givenLabel     the class the labels give, or null
 * @param suggestedLabel the class the model suggests, or null
 * @param score          label-quality score in [0, 1], lower = likelier a problem; null for
 *                       box checks and image rules, which are certain or rule-based
 * @param reason         what to check, in plain words
 */
@JsonPropertyOrder({"rank", "kind", "source", "predictionSet", "image", "annotationId", "box", "givenLabel",
    "suggestedLabel", "score", "reason"})
public record IssueEntry(int rank, String kind, String source, String predictionSet, String image, Long annotationId,
                         double[] box, String givenLabel, String suggestedLabel, Double score, String reason) {
    /** This entry at another rank. */
    IssueEntry ranked(int newRank) {
        return new IssueEntry(newRank, kind, source, predictionSet, image, annotationId, box, givenLabel, suggestedLabel,
                score, reason);
    }

    /** The order tier: certain box defects first, then model-based label issues, then image rules. */
    int tier() {
        return switch (source) {
            case "box_check" -> 0;
            case "image_rule" -> 2;
            default -> 1;
        };
    }
}
