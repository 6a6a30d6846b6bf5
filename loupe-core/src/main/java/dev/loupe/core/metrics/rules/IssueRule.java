package dev.loupe.core.metrics.rules;

import dev.loupe.api.Scope;
import java.util.List;
import java.util.Objects;

/**
 * A verdict over scores: an item is flagged when all conditions hold. Scores are numbers; rules
 * are configuration, kept apart from the metrics (see {@link IssueRules#defaults()}).
 *
 * @param id          stable id, e.g. "dark"
 * @param scope       image or annotation
 * @param description what it means for a user
 * @param conditions  all must hold
 */
public record IssueRule(String id, Scope scope, String description, List<Condition> conditions) {
    public IssueRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(description, "description");
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no condition");
        }
    }

    /** A copy whose first condition has another threshold. */
    public IssueRule withThreshold(double threshold) {
        List<Condition> cs = new java.util.ArrayList<>(conditions);
        Condition first = cs.get(0);
        cs.set(0, new Condition(first.metricId(), first.op(), threshold));
        return new IssueRule(id, scope, description, cs);
    }

    /** Conditions as text: "image.entropy < 3.0". */
    public String expression() {
        return String.join(" and ", conditions.stream().map(Condition::toString).toList());
    }
}
