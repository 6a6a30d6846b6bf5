package dev.loupe.core.metrics.runner;

import dev.loupe.core.pipeline.PipelineProgress;

/** Receives progress of a metric or embedding run (called from one thread at a time, about four times per second). */
public interface ProgressListener extends PipelineProgress {

    /**
     * Called before each dataset metric, which runs over every item once the per-item metrics are
     * done (the near-duplicate metrics take about a minute at 10^6 images).
     *
     * @param id     the metric's id
     * @param number which of the run's dataset metrics, from 1
     * @param count  the run's dataset metrics
     */
    default void datasetMetric(String id, int number, int count) {
    }

    /** Called once at the end. */
    default void done(RunReport report) {
    }

    ProgressListener NONE = (scanned, total, analysed, saved, seconds) -> { };
}
