package dev.loupe.spark;

import dev.loupe.store.ProjectStore;
import java.io.Serializable;
import java.util.List;

/**
 * What a partition does on its executor with its small project (its images, their annotations, the
 * tables {@link #input} names): the metric pass ({@link MetricSlice}) or the embedding pass
 * ({@link EmbeddingSlice}), with Loupe's own runner, which records a run whose id is the driver's.
 */
interface SliceWork extends Serializable {
    /** The tables the partition's project is made of. */
    List<String> input();

    /** The tables the partition writes back, one file each. */
    List<String> output();

    /** Runs the pass on the partition's project. */
    Done run(ProjectStore slice);

    /**
     * What the pass did.
     *
     * @param runId    the run id the partition's project gave it (must equal the driver's)
     * @param images   images in the partition
     * @param done     images analysed or embedded
     * @param failures failures recorded
     * @param seconds  the runner's wall time
     */
    record Done(long runId, long images, long done, long failures, double seconds) {
    }
}
