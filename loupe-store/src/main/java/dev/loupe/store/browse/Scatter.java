package dev.loupe.store.browse;

/**
 * Two metrics of the items a filter selects, counted on a {@code bins × bins} grid: an item whose
 * x value is v falls in column {@code floor((v - xMin) · bins / (xMax - xMin))}, the maximum in the
 * last column (likewise for y); when a metric has one value only, every item is in its first bin.
 * Bounds are the minimum and maximum over the items that have both values.
 *
 * @param count   items with a finite value of both metrics (the sum of the grid)
 * @param missing items the filter selects that lack a value of either metric (null or NaN)
 * @param xMin    null when {@code count} is 0 (likewise the other bounds)
 * @param counts  {@code counts[xBin][yBin]}; empty when {@code count} is 0
 */
public record Scatter(String xMetric, String yMetric, int bins, long count, long missing, Double xMin, Double xMax,
                      Double yMin, Double yMax, long[][] counts) {
}
