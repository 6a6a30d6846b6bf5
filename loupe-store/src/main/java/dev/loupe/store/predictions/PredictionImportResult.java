package dev.loupe.store.predictions;

import java.util.Map;

/**
 * What a predictions import wrote.
 *
 * @param name        the prediction set's name
 * @param setId       its id (a re-import gets a new one)
 * @param kind        {@link PredictionSetInfo#DETECTION} or {@link PredictionSetInfo#CLASSIFICATION}
 * @param iouType     "bbox" or "segm": what the stored outcomes were matched on; null for classification
 * @param predictions scored shapes stored (detection)
 * @param images      images with class probabilities (classification)
 * @param replaced    true when a set of that name existed and was replaced
 * @param issues      issues recorded, by kind id
 * @param seconds     wall time
 */
public record PredictionImportResult(String name, int setId, String kind, String iouType, long predictions, long images,
                                     boolean replaced, Map<String, Long> issues, double seconds) {
    public PredictionImportResult {
        issues = Map.copyOf(issues);
    }

    /** Whether the set holds class probabilities ({@link PredictionSetInfo#CLASSIFICATION}). */
    public boolean classification() {
        return PredictionSetInfo.CLASSIFICATION.equals(kind);
    }

    public long issueCount() {
        return issues.values().stream().mapToLong(Long::longValue).sum();
    }
}
