package dev.loupe.eval.performance;

/**
 * An outcome rate with its Wilson score interval.
 *
 * @param count      items
 * @param positives  items whose outcome is true
 * @param rate       positives / count; NaN when count is 0
 * @param wilsonLow  lower end of the 95% Wilson score interval (z = 1.959964); NaN when count is 0
 * @param wilsonHigh upper end of the same interval
 */
public record RateStats(long count, long positives, double rate, double wilsonLow, double wilsonHigh) {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    public RateStats {
        if (count < 0 || positives < 0 || positives > count) {
            throw new IllegalArgumentException("need 0 <= positives <= count, got " + positives + " of " + count);
        }
    }

    /**
     * The rate of {@code positives} in {@code count} with the Wilson interval
     * (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
     */
    public static RateStats of(long count, long positives) {
        if (count == 0) {
            return new RateStats(0, positives, Double.NaN, Double.NaN, Double.NaN);
        }
        double n = count;
        double p = positives / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new RateStats(count, positives, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
