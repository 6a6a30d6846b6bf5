/**
 * The filter vocabulary every room that selects items shares: {@link dev.loupe.store.filter.ItemFilter}
 * (with its outcome and classifier parts), the metric catalogue ({@link dev.loupe.store.filter.MetricInfo}),
 * and {@link dev.loupe.store.filter.Filters}, which checks a filter's names against the project and
 * builds its {@link dev.loupe.store.filter.FilterSql} (all values bound, metric columns from the catalogue only).
 */
package dev.loupe.store.filter;
