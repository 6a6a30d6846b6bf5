package dev.loupe.spark;

import dev.loupe.store.parquet.ImageRange;
import java.io.Serializable;

/**
 * What one partition did.
 *
 * @param runId    the run id its store gave the analysis (must equal the driver's)
 * @param images   images in the partition
 * @param analysed images analysed
 * @param failures metric failures recorded
 * @param seconds  wall time on the executor: set-up (its images into a store of its own) + metrics + output (Parquet)
 * @param metricSeconds the metric runner's share
 * @param outputSeconds writing the Parquet files' share
 */
public record SliceReport(ImageRange range, long runId, long images, long analysed, long failures, double seconds,
                          double metricSeconds, double outputSeconds)
        implements Serializable {
}
