package dev.loupe.eval.compare;

/**
 * One metric over two samples: each side's summary, both histograms on shared bins and the
 * two-sample KS test.
 *
 * @param metricId  the metric
 * @param a         the first side's summary
 * @param b         the second side's summary
 * @param histogram both sides on shared bins
 * @param ks        the Kolmogorov–Smirnov statistic and p-value (NaN when a side has no value)
 */
public record DistributionComparison(String metricId, SampleSummary a, SampleSummary b, SharedHistogram histogram,
                                     TwoSampleKs ks) {

    /**
     * Compares the sorted finite values of two sides.
     *
     * @param missingA items of the first side without a finite value
     * @param missingB the same for the second side
     * @param bins     histogram bins (see {@link SharedHistogram#of})
     */
    public static DistributionComparison of(String metricId, double[] a, long missingA, double[] b, long missingB, int bins) {
        return new DistributionComparison(metricId, SampleSummary.of(a, missingA), SampleSummary.of(b, missingB),
                SharedHistogram.of(a, b, bins), TwoSampleKs.of(a, b));
    }
}
