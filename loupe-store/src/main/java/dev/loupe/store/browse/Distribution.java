package dev.loupe.store.browse;

/**
 * The distribution of one metric over the items a filter selects: quartiles (linear interpolation,
 * numpy's default), Encord Active's IQR outlier bounds and counts computed from those quartiles,
 * and an equal-width histogram from min to max (the last bin includes max).
 *
 * @param binEdges  {@code bins + 1} edges; empty when no item has a value
 * @param binCounts items per bin
 */
public record Distribution(String metricId, long count, long missing, Double min, Double q1, Double median, Double q3,
                           Double max, Double lowerModerate, Double upperModerate, Double lowerSevere, Double upperSevere,
                           Long moderate, Long severe, double[] binEdges, long[] binCounts) {
}
