package dev.loupe.core.metrics.runner;

import dev.loupe.core.pipeline.PipelineProgress;

/** Receives progress of a metric or embedding run (called from one thread at a time, about four times per second). */
public interface ProgressListener extends PipelineProgress {

    /** Called once at the end. */
    default void done(RunReport report) {
    }

    ProgressListener NONE = (scanned, total, analysed, saved, seconds) -> { };
}
