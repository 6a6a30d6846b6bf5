package dev.loupe.core.metrics.runner;

/** Receives progress of a metric run (called from one thread at a time, about four times per second). */
public interface ProgressListener {
    /**
     * @param scanned  images looked at so far (analysed, or skipped because already done)
     * @param total    images in the project
     * @param analysed images analysed in this run so far
     * @param saved    of those, images whose results are committed (batches; a killed run keeps these)
     * @param seconds  time since the run started
     */
    void update(long scanned, long total, long analysed, long saved, double seconds);

    /** Called once at the end. */
    default void done(RunReport report) {
    }

    ProgressListener NONE = (scanned, total, analysed, saved, seconds) -> { };
}
