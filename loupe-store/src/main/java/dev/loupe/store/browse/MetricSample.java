package dev.loupe.store.browse;

/**
 * The values of one metric over the items a filter selects, for statistics computed outside SQL
 * (the Compare page's KS test).
 *
 * @param metricId the metric
 * @param items    items the filter selects
 * @param values   the finite values, sorted ascending
 */
public record MetricSample(String metricId, long items, double[] values) {
    /** Selected items without a finite value. */
    public long missing() {
        return items - values.length;
    }
}
