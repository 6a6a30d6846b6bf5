package dev.loupe.core.pipeline;

/** Receives the progress of an {@link ImagePipeline} run, from one thread at a time, about four times per second. */
@FunctionalInterface
public interface PipelineProgress {
    /**
     * @param scanned  images looked at so far (processed, or skipped because already done)
     * @param total    images the run covers
     * @param analysed images processed in this run so far
     * @param saved    of those, images whose results are committed (a killed run keeps these)
     * @param seconds  time since the run started
     */
    void update(long scanned, long total, long analysed, long saved, double seconds);
}
