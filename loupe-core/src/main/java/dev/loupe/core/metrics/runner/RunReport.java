package dev.loupe.core.metrics.runner;

import java.util.List;

/**
 * What a metric run did.
 *
 * @param runId     the run's id in the project
 * @param metrics   ids of the metrics run
 * @param images    images in the project
 * @param analysed  images analysed by this run (the others were already done)
 * @param failures  metric failures recorded by this run (item, metric, message in the store)
 * @param seconds   wall time
 */
public record RunReport(long runId, List<String> metrics, long images, long analysed, long failures, double seconds) {
    public RunReport {
        metrics = List.copyOf(metrics);
    }

    /** Images analysed per second (0 when none). */
    public double rate() {
        return seconds > 0 ? analysed / seconds : 0;
    }
}
