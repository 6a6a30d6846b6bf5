package dev.loupe.eval.performance;

import java.util.List;
import java.util.Objects;

/**
 * Outcome rate per bucket for one group of items (all items, or one class).
 *
 * @param total   all items of the group, missing values included
 * @param buckets one row per bucket, in order; the same bounds for every group of one metric
 * @param missing items whose metric value is NaN or infinite
 */
public record PerformanceTable(RateStats total, List<BucketRow> buckets, RateStats missing) {
    public PerformanceTable {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(missing, "missing");
        buckets = List.copyOf(buckets);
    }
}
