package dev.loupe.store.metrics;

/**
 * Distribution of one metric with Encord Active's IQR outlier rule: moderate outside
 * [Q1 − 1.5·IQR, Q3 + 1.5·IQR] but inside the severe bounds [Q1 − 2.5·IQR, Q3 + 2.5·IQR], severe
 * outside those. Quartiles are linear-interpolated (numpy's default, DuckDB quantile_cont). Missing
 * values are not counted. Outlier fields are null for metrics without outliers (random, ranks).
 */
public record MetricStats(String metricId, String scope, String title, long count, long missing, Double min, Double q1,
                          Double median, Double q3, Double max, Double mean, Double lowerModerate, Double upperModerate,
                          Double lowerSevere, Double upperSevere, Long moderate, Long severe) {
}
