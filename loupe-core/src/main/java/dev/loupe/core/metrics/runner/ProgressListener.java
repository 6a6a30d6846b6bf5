package dev.loupe.core.metrics.runner;

/** Receives progress of a metric run (called from one thread, at most a few times per second). */
public interface ProgressListener {
    /**
     * @param scanned  images looked at so far (analysed or already done)
     * @param total    images in the project
     * @param analysed images analysed in this run so far
     * @param seconds  time since the run started
     */
    void update(long scanned, long total, long analysed, double seconds);

    /** Called once at the end. */
    default void done(RunReport report) {
    }

    ProgressListener NONE = (scanned, total, analysed, seconds) -> { };
}
