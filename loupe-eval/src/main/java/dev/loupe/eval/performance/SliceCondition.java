package dev.loupe.eval.performance;

import java.util.Objects;

/**
 * One condition of a slice: a metric range, or a class.
 *
 * <p>A metric condition holds for an item when its value is finite and
 * {@code lower <= value <= upper}; an open side is infinite ("metric &lt;= upper" has lower =
 * -infinity). The bounds are the smallest and largest values observed in the quantile bins the
 * condition covers, so they select exactly those bins' items. A class condition holds when the
 * item's class id equals {@code classId}.
 *
 * @param metric       the metric name; null for a class condition
 * @param lower        inclusive lower bound (-infinity when open); NaN for a class condition
 * @param upper        inclusive upper bound (+infinity when open); NaN for a class condition
 * @param fromFraction share of the items with a finite value that lie below the range, in [0, 1]
 *                     (NaN for a class condition)
 * @param toFraction   share of those items up to and including the range
 * @param classId      the class id of a class condition; 0 for a metric condition
 * @param text         plain-language form: "area &lt;= 120 (lowest 10%)", "class Platelets"
 */
public record SliceCondition(String metric, double lower, double upper, double fromFraction, double toFraction,
                             int classId, String text) {
    public SliceCondition {
        Objects.requireNonNull(text, "text");
    }

    /** True for a class-equality condition. */
    public boolean isClass() {
        return metric == null;
    }

    /** Whether an item with this metric value satisfies a metric condition. */
    public boolean matches(double value) {
        return Double.isFinite(value) && value >= lower && value <= upper;
    }
}
