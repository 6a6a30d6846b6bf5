package dev.loupe.eval.performance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Outcome rate by bucket of one metric, overall and per class.
 *
 * @param bucketing how the buckets were cut (over all items, then applied to every class)
 * @param overall   the table for all items
 * @param byClass   one table per class id, ascending; empty when no class ids were given
 */
public record MetricPerformance(Bucketing bucketing, PerformanceTable overall, Map<Integer, PerformanceTable> byClass) {
    public MetricPerformance {
        Objects.requireNonNull(bucketing, "bucketing");
        Objects.requireNonNull(overall, "overall");
        byClass = Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
    }
}
