package dev.loupe.store.metrics;

import java.util.List;

/**
 * The state of metric analysis in a project, for {@code loupe info}.
 *
 * @param lastRun          the latest analyze run, or null when none ran
 * @param imageMetrics     metric ids stored for images
 * @param annotationMetrics metric ids stored for annotations
 * @param analysedImages   images done for at least one metric
 * @param failures         metric failures recorded by all runs
 * @param failureExamples  up to five: "metric on item: message"
 */
public record AnalysisSummary(Run lastRun, List<String> imageMetrics, List<String> annotationMetrics, long analysedImages,
                              long failures, List<String> failureExamples) {

    /** One run with its provenance. */
    public record Run(long id, String toolVersion, String status, String startedAt, String finishedAt, String message) {
    }
}
