package dev.loupe.store.browse;

import java.util.List;

/**
 * One image under a prediction set and IoU threshold: the set's predictions on it with their
 * outcome, and the ground truths the set missed.
 *
 * @param set         the prediction set's name
 * @param iou         the IoU threshold
 * @param predictions the set's predictions on the image, highest score first
 * @param missed      ids of the image's evaluated ground truths no prediction matched (FN)
 */
public record ImageOutcomes(String set, double iou, List<PredictionShape> predictions, List<Long> missed) {
    public ImageOutcomes {
        predictions = List.copyOf(predictions);
        missed = List.copyOf(missed);
    }
}
