package dev.loupe.eval.performance;

import java.util.List;
import java.util.Objects;

/**
 * A slice of the items where the outcome rate is well below the global rate.
 *
 * @param conditions  the conjunction defining the slice (metric conditions in input metric order,
 *                    then the class condition)
 * @param stats       items in the slice, successes, rate and its 95% Wilson interval
 * @param globalRate  the outcome rate over all items
 * @param gap         globalRate - rate, &gt; 0
 * @param score       the ranking score: count x gap, the number of successes the slice lacks
 *                    compared with the global rate
 * @param z           gap / sqrt(globalRate (1 - globalRate) / count), the gap in binomial
 *                    standard errors
 * @param uncoveredCount items of the slice not in any better-ranked reported slice
 * @param uncoveredScore the successes those items lack compared with the global rate, the key by
 *                    which the slice was picked (equal to score for the first slice)
 * @param description plain language: "objects with area &lt;= 120 (lowest 10%) of class Platelets:
 *                    recall 0.41 vs 0.78 overall, 123 objects"
 */
public record Slice(List<SliceCondition> conditions, RateStats stats, double globalRate, double gap, double score,
                    double z, long uncoveredCount, double uncoveredScore, String description) {
    public Slice {
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(description, "description");
    }
}
