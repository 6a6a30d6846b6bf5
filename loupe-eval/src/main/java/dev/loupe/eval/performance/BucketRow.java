package dev.loupe.eval.performance;

import java.util.Objects;

/**
 * One bucket of a metric and the outcome rate of the items in it.
 *
 * @param index          0-based bucket number, low values first
 * @param lower          inclusive lower bound of the bucket
 * @param upper          upper bound: exclusive, except for the last bucket ({@code upperInclusive})
 * @param upperInclusive true for the last bucket, whose upper bound is the largest value
 * @param min            smallest value in the bucket among the items of this table (NaN if empty)
 * @param max            largest value in the bucket among the items of this table (NaN if empty)
 * @param stats          count, positives, rate and its Wilson interval
 */
public record BucketRow(int index, double lower, double upper, boolean upperInclusive, double min, double max,
                        RateStats stats) {
    public BucketRow {
        Objects.requireNonNull(stats, "stats");
    }
}
