package dev.loupe.store.predictions;

/**
 * A detection set whose annotation metric pass has not covered every image it has predictions on
 * (its import was killed during that pass): the next {@code analyze} or {@code predictions import}
 * completes it, and {@code eval} warns until then.
 *
 * @param setId   the set's id
 * @param name    its name
 * @param images  images with predictions
 * @param missing of those, images the metric pass has not done
 */
public record PendingPredictionMetrics(int setId, String name, long images, long missing) {
}
