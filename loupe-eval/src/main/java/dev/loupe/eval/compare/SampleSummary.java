package dev.loupe.eval.compare;

/**
 * Count, extremes, quartiles (linear interpolation between order statistics, numpy's default
 * {@code percentile}) and mean of one side's finite values. Every field but the counts is NaN when
 * the side has no value.
 *
 * @param count   finite values
 * @param missing items of the side without a finite value
 */
public record SampleSummary(long count, long missing, double min, double q1, double median, double q3, double max,
                            double mean) {

    /** Summarises values sorted ascending. */
    public static SampleSummary of(double[] sorted, long missing) {
        int n = sorted.length;
        if (n == 0) {
            return new SampleSummary(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new SampleSummary(n, missing, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
                quantile(sorted, 0.75), sorted[n - 1], sum / n);
    }

    /** numpy's linear quantile: position q (n - 1), interpolated between its neighbours. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}
