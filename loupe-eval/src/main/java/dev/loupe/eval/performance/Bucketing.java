package dev.loupe.eval.performance;

/**
 * How a metric's range is cut into buckets.
 *
 * @param mode    quantile (about equal counts, ties kept together) or equal width
 * @param buckets the number of buckets asked for, &gt;= 1; quantile bucketing may give fewer when
 *                values repeat
 */
public record Bucketing(Mode mode, int buckets) {
    /** The two ways of cutting. */
    public enum Mode {
        /** Bucket j starts at the value of rank floor(j * m / k); equal values share a bucket. */
        QUANTILE,
        /** k buckets of width (max - min) / k over the finite values; the last includes max. */
        EQUAL_WIDTH
    }

    public Bucketing {
        if (mode == null) {
            throw new IllegalArgumentException("mode is null");
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("need at least 1 bucket, got " + buckets);
        }
    }

    /** Quantile bucketing into k buckets. */
    public static Bucketing quantiles(int k) {
        return new Bucketing(Mode.QUANTILE, k);
    }

    /** Equal-width bucketing into k buckets. */
    public static Bucketing equalWidth(int k) {
        return new Bucketing(Mode.EQUAL_WIDTH, k);
    }
}
