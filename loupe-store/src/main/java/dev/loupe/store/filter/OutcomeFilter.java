package dev.loupe.store.filter;

import dev.loupe.core.outcome.Thresholds;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The prediction set and IoU threshold a filter judges outcomes under, and which outcomes it keeps.
 * What an outcome name means depends on the filter's scope:
 * <ul>
 *   <li>predictions: {@code tp}, {@code fp} (any false positive) or one false-positive reason
 *       ({@code duplicate}, {@code wrong_class}, {@code localisation}, {@code background});</li>
 *   <li>annotations (ground truths): {@code tp} (matched by the set) or {@code fn} (missed);</li>
 *   <li>images: those having any {@code fp} (or one reason), any {@code fn}, or any {@code tp}.</li>
 * </ul>
 * An empty list keeps every item (for predictions: every prediction of the set).
 *
 * @param set      the prediction set's name
 * @param tIndex   the IoU threshold's index on the stored grid (see {@link Thresholds}), 10 = 0.5
 * @param outcomes outcome names, any of which matches
 */
public record OutcomeFilter(String set, int tIndex, List<String> outcomes) {
    /** False-positive reasons, as the outcome query names them. */
    public static final List<String> REASONS = List.of("duplicate", "wrong_class", "localisation", "background");
    /** Every outcome name a filter accepts. */
    public static final Set<String> NAMES = Set.of("tp", "fp", "fn", "duplicate", "wrong_class", "localisation", "background");

    public OutcomeFilter {
        Objects.requireNonNull(set, "set");
        Thresholds.value(tIndex);
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    }
}
