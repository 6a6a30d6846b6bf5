/**
 * Comparing two samples of a metric (two splits, tags or selections of a project): the two-sample
 * Kolmogorov–Smirnov statistic and its asymptotic p-value ({@link dev.loupe.eval.compare.TwoSampleKs},
 * {@link dev.loupe.eval.compare.KolmogorovDistribution}), quartiles of each side
 * ({@link dev.loupe.eval.compare.SampleSummary}) and histograms of both on shared bin edges
 * ({@link dev.loupe.eval.compare.SharedHistogram}), put together by
 * {@link dev.loupe.eval.compare.DistributionComparison}.
 *
 * <p>Input shape: the finite values of each side, sorted ascending (missing values are counted by
 * the caller and never enter the statistics).
 */
package dev.loupe.eval.compare;
