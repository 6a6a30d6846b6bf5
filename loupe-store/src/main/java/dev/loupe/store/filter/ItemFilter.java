package dev.loupe.store.filter;

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
 * @param ids     item ids of the scope to keep (an explicit selection, e.g. the ticked items); empty = no such condition
 * @param path    text the image's path must contain, ignoring case (a file-name search); null or empty = any
 * @param classifier conditions on a classification set's top-1 predictions, or null
 */
public record ItemFilter(Scope scope, List<MetricRange> ranges, List<String> classes, List<String> tags,
                         List<String> issues, List<String> splits, OutcomeFilter outcome, List<Long> ids, String path,
                         ClassifierFilter classifier) {
    /** The most ids one filter may name (they travel in a URL). */
    public static final int MAX_IDS = 1000;

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
        ids = List.copyOf(ids);
        path = path == null || path.isEmpty() ? null : path;
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " ids, got " + ids.size());
        }
    }

    /** A filter without an explicit id selection. */
    public ItemFilter(Scope scope, List<MetricRange> ranges, List<String> classes, List<String> tags, List<String> issues,
                      List<String> splits, OutcomeFilter outcome) {
        this(scope, ranges, classes, tags, issues, splits, outcome, List.of(), null, null);
    }

    /** A filter without outcome conditions. */
    public ItemFilter(Scope scope, List<MetricRange> ranges, List<String> classes, List<String> tags, List<String> issues,
                      List<String> splits) {
        this(scope, ranges, classes, tags, issues, splits, null);
    }

    /** The same filter with outcome conditions. */
    public ItemFilter withOutcome(OutcomeFilter o) {
        return new ItemFilter(scope, ranges, classes, tags, issues, splits, o, ids, path, classifier);
    }

    /** The same conditions over another scope. */
    public ItemFilter withScope(Scope other) {
        return new ItemFilter(other, ranges, classes, tags, issues, splits, outcome, ids, path, classifier);
    }

    /** The same conditions restricted to these item ids. */
    public ItemFilter withIds(List<Long> selected) {
        return new ItemFilter(scope, ranges, classes, tags, issues, splits, outcome, selected, path, classifier);
    }

    /** The same conditions and these on a classification set's top-1 predictions. */
    public ItemFilter withClassifier(ClassifierFilter c) {
        return new ItemFilter(scope, ranges, classes, tags, issues, splits, outcome, ids, path, c);
    }

    /** The same conditions on images whose path contains {@code text} (ignoring case). */
    public ItemFilter withPath(String text) {
        return new ItemFilter(scope, ranges, classes, tags, issues, splits, outcome, ids, text, classifier);
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
