package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;

/**
 * Counts what a prediction import kept and refused (through {@link #counting}), so that an import
 * that keeps nothing fails inside the set's transaction (no empty set is left, an older set of the
 * name stays) and a partial one says "kept N of M". A row was refused when an issue names the
 * prediction scope without an item.
 */
final class PredictionTally {
    private long predictions;
    private long probabilities;
    private final java.util.Set<Long> probabilityImages = new java.util.HashSet<>();
    private long refused;
    private Issue firstRefused;

    /** A sink that passes everything to {@code delegate} and counts it here. */
    PredictionSink counting(PredictionSink delegate) {
        return new PredictionSink() {
            @Override
            public void prediction(Prediction prediction) {
                predictions++;
                delegate.prediction(prediction);
            }

            @Override
            public void probability(long imageId, int categoryId, double probability) {
                probabilities++;
                probabilityImages.add(imageId);
                delegate.probability(imageId, categoryId, probability);
            }

            @Override
            public void issue(Issue issue) {
                delegate.issue(issue);
                if (issue.itemType().equals("prediction") && issue.itemId() == null) {
                    refused++;
                    firstRefused = firstRefused == null ? issue : firstRefused;
                }
            }
        };
    }

    /** Fails when no prediction and no class probability was kept. */
    void failIfNothingKept(String file) {
        if (predictions > 0 || probabilities > 0) {
            return;
        }
        throw LoupeException.badInput(file + ": kept 0 of " + refused + " predictions; no set was created"
                + (firstRefused == null ? " (the file holds none)" : "; the first refused: " + firstRefused.kind().id() + ": "
                        + firstRefused.describe()));
    }

    /**
     * ", kept N of M predictions" (detections) or ", kept N of M rows" (class probabilities: one row
     * per image) when some were refused, else "". A classification file said "kept 0 of 2
     * predictions" while it had kept a row.
     */
    String keptText() {
        if (refused == 0) {
            return "";
        }
        long kept = predictions + probabilityImages.size();
        return String.format(", kept %d of %d %s", kept, kept + refused, predictions == 0 && !probabilityImages.isEmpty()
                ? "rows" : "predictions");
    }
}
