package dev.loupe.core.metrics.runner;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.pipeline.WorkPage;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What the metric runner needs from a project store. Implementations must be safe to call from
 * the runner's reading thread and its writing thread at once, and each {@link #write} must be
 * atomic: after a crash, every image is either fully recorded for the metrics it was analysed
 * with, or not at all.
 */
public interface MetricRunStore {

    /**
     * Starts a run: creates the value columns of new metrics, clears the values of metrics whose
     * version changed (they are recomputed), and records the run with its parameters.
     *
     * @return the run id
     */
    long begin(List<MetricDescriptor> metrics, Map<String, String> parameters);

    /** Number of images in the project. */
    long imageCount();

    /**
     * The next images after {@code afterImageId} in id order (at most {@code limit} scanned), each
     * with the metrics of {@code metrics} not yet computed for it at their current version; images
     * with nothing pending are scanned but not returned.
     */
    WorkPage<ImageWork> nextChunk(long afterImageId, int limit, List<Metric> metrics);

    /** Stores the results of some images and marks them done for the metrics they were analysed with. */
    void write(long runId, List<ImageResult> results);

    /**
     * Calls the consumer for every image or annotation (by scope) with the stored values of the
     * inputs (Double, String for hashes, null when missing).
     */
    void forEachItem(Scope scope, List<String> inputs, BiConsumer<DatasetMetric.DatasetItem, Object[]> consumer);

    /** Replaces every value of a dataset metric; items not listed get none. */
    void writeAll(long runId, MetricDescriptor metric, long[] itemIds, double[] values, int count);

    /** Number of failures the run recorded so far. */
    long failureCount(long runId);

    /** Ends the run with a status ("succeeded", "failed") and a one-line message. */
    void finish(long runId, String status, String message);

    /**
     * Ends a run that failed with {@code cause}, keeping {@code cause} the error that is reported: a
     * failure to record the end (a full disk fails that too, with "no transaction is active") is
     * added to it as suppressed instead of replacing it.
     */
    default void finishAfter(long runId, String status, Throwable cause) {
        try {
            finish(runId, status, String.valueOf(cause));
        } catch (RuntimeException second) {
            cause.addSuppressed(second);
        }
    }
}
