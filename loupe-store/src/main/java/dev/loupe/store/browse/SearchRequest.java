package dev.loupe.store.browse;

import dev.loupe.store.filter.ItemFilter;
import java.util.Objects;

/**
 * One page of a filtered, sorted list of items.
 *
 * @param filter     which items
 * @param sortMetric a metric id of the filter's scope, or null to sort by item id; items without a value come last
 * @param descending largest first
 * @param offset     items to skip (0 or more)
 * @param limit      page size, 1 to {@value #MAX_LIMIT}
 */
public record SearchRequest(ItemFilter filter, String sortMetric, boolean descending, long offset, int limit) {
    public static final int MAX_LIMIT = 500;

    public SearchRequest {
        Objects.requireNonNull(filter, "filter");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
