package dev.loupe.eval.performance;

import java.util.Objects;

/**
 * How strongly one metric is associated with the target.
 *
 * @param metric             the metric's name, as given
 * @param pairs              items where the metric is finite (the n of the correlation)
 * @param pearson            Pearson correlation over those items, in [-1, 1]; NaN when fewer than 2
 *                           pairs or either side is constant
 * @param miNats             mutual information between the metric's quantile bins (missing values
 *                           as one more bin, since missingness can itself predict the outcome) and
 *                           the target (its two values, or its quantile bins when continuous), in
 *                           nats, over all items. The plug-in estimate: it is biased upwards by about
 *                           (bins - 1)(target bins - 1) / 2n
 * @param miBits             the same in bits (miNats / ln 2)
 * @param miNormalised       miNats / H(target): the fraction of the target's entropy the metric
 *                           explains (Theil's uncertainty coefficient), in [0, 1]; NaN when the
 *                           target is constant
 * @param miCorrectedNats    miNats minus its expected value under independence, (bins - 1)(target
 *                           bins - 1) / 2n with the non-empty bins counted (Miller-Madow), floored
 *                           at 0: near 0 means "no more than chance", which matters for small n
 * @param forestImportance   the metric's share of the forest's total impurity (variance) decrease,
 *                           in [0, 1]; the shares of all metrics and of the noise feature sum to 1
 *                           (see {@link ImportanceReport#forestNoiseShare()}; 0 for all when no
 *                           split was made, NaN when the forest was skipped)
 */
public record MetricImportanceRow(String metric, int pairs, double pearson, double miNats, double miBits,
                                  double miNormalised, double miCorrectedNats, double forestImportance) {
    public MetricImportanceRow {
        Objects.requireNonNull(metric, "metric");
    }
}
