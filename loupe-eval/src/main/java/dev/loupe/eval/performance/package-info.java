/**
 * Model performance as a function of the data ("performance by metric" in {@code loupe eval} and
 * the Model quality page): outcome rates per metric bucket
 * ({@link dev.loupe.eval.performance.PerformanceByMetric}), which metrics predict the outcome
 * ({@link dev.loupe.eval.performance.MetricImportance}) and the worst-performing slices of the data
 * ({@link dev.loupe.eval.performance.WorstSlices}).
 *
 * <p>Common input shape: one entry per item (a prediction or a ground truth), aligned across
 * arrays. A metric is a {@code double[]} with NaN for "not computed"; infinite values are
 * treated as missing too. The outcome is a {@code boolean[]} whose true means success: "true
 * positive" for predictions (the rate is then precision) or "detected" for ground truths (the rate
 * is recall, 1 - FN rate). Class ids are optional {@code int[]} (null when not wanted).
 *
 * <p>Quantile bins never split equal values: bin j starts at the value of rank floor(j * m / k)
 * (0-based) among the m sorted finite values, a value belongs to the last bin whose start is
 * &lt;= it, and starts that repeat (or equal the minimum) are merged. So a metric with many ties
 * gets fewer, uneven bins rather than arbitrary cuts through equal values.
 *
 * <p>{@link dev.loupe.eval.performance.PerformanceWorkload} makes seeded synthetic inputs with a
 * planted weak slice, for tests and for {@code loupe bench performance}.
 */
package dev.loupe.eval.performance;
