package dev.loupe.store;

import dev.loupe.api.Scope;
import java.util.List;
import java.util.Objects;

/**
 * Which images, annotations or predictions a view shows: all conditions hold together (AND); within one list
 * any value matches (OR). Names and metric ids come from the request and are checked against the
 * project (classes, the metric catalogue, the known issue kinds) before any SQL is built; values
 * are always bound as parameters.
 *
 * @param scope   image or annotation
 * @param ranges  metric ranges, each bound inclusive and optional
 * @param classes class names: the annotation's class, or for images any annotation's class
 * @param tags    tag names on the item
 * @param issues  issue kinds: an issue rule id (e.g. {@code dark}, {@code tiny_object}) or a stored import issue kind
 * @param splits  image splits ({@code none} for images without one)
 * @param outcome the prediction set, IoU and outcomes to keep; required for predictions, optional (null) otherwise
 */
public record ItemFilter(Scope scope, List<MetricRange> ranges, List<String> classes, List<String> tags,
                         List<String> issues, List<String> splits, OutcomeFilter outcome) {
    public ItemFilter {
        Objects.requireNonNull(scope, "scope");
        if (scope == Scope.PREDICTION && outcome == null) {
            throw new IllegalArgumentException("a prediction filter needs a prediction set");
        }
        ranges = List.copyOf(ranges);
        classes = List.copyOf(classes);
        tags = List.copyOf(tags);
        issues = List.copyOf(issues);
        splits = List.copyOf(splits);
    }

    /** A filter without outcome conditions. */
    public ItemFilter(Scope scope, List<MetricRange> ranges, List<String> classes, List<String> tags, List<String> issues,
                      List<String> splits) {
        this(scope, ranges, classes, tags, issues, splits, null);
    }

    /** The same filter with outcome conditions. */
    public ItemFilter withOutcome(OutcomeFilter o) {
        return new ItemFilter(scope, ranges, classes, tags, issues, splits, o);
    }

    /** The same conditions over another scope. */
    public ItemFilter withScope(Scope other) {
        return new ItemFilter(other, ranges, classes, tags, issues, splits, outcome);
    }

    /** Every item of a scope. */
    public static ItemFilter all(Scope scope) {
        return new ItemFilter(scope, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A metric between min and max, inclusive; a null bound is open. Items without a value never match. */
    public record MetricRange(String metricId, Double min, Double max) {
        public MetricRange {
            Objects.requireNonNull(metricId, "metricId");
        }
    }
}
