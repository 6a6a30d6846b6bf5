package dev.loupe.store;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.outcome.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The WHERE condition of an {@link OutcomeFilter}, built on the stored matches and overlaps of
 * {@link OutcomeQueries} (so a search agrees with its counts by construction). Names are checked
 * against the scope's outcomes; set and threshold are bound parameters.
 */
final class OutcomeSql {
    private OutcomeSql() {
    }

    /** Adds the condition of {@code o}'s outcomes (its set's id is {@code setId}) for items of {@code scope} to {@code and}, its values to {@code params}. */
    static void add(Scope scope, OutcomeFilter o, int setId, List<String> and, List<Object> params) {
        switch (scope) {
            case PREDICTION -> {
                Set<String> wanted = predictionOutcomes(o.outcomes(), List.of("tp", "fp"), "prediction");
                and.add("q.outcome IN " + FilterSql.placeholders(wanted.size()));
                params.addAll(wanted);
            }
            case ANNOTATION -> {
                check(o.outcomes(), List.of("tp", "fn"), "ground truth");
                boolean tp = o.outcomes().contains("tp");
                boolean fn = o.outcomes().contains("fn");
                if (tp && fn) {
                    and.add("a.category_id IS NOT NULL AND NOT a.iscrowd AND a.kind <> 'label'");
                } else {
                    and.add("a.category_id IS NOT NULL AND NOT a.iscrowd AND a.kind <> 'label' AND a.id " + (tp ? "" : "NOT ")
                            + "IN (SELECT annotation_id FROM prediction_matches WHERE set_id = ? AND t_index = ?)");
                    params.add(setId);
                    params.add(o.tIndex());
                }
            }
            case IMAGE -> {
                List<String> or = new ArrayList<>();
                List<String> names = new ArrayList<>(o.outcomes());
                if (names.remove("fn")) {
                    or.add("i.id IN (SELECT image_id FROM (" + OutcomeQueries.GROUND_TRUTH_OUTCOMES + ") WHERE NOT matched)");
                    params.add(setId);
                    params.add(o.tIndex());
                    params.add(setId);
                }
                if (!names.isEmpty()) {
                    Set<String> wanted = predictionOutcomes(names, List.of("tp", "fp", "fn"), "image");
                    or.add("i.id IN (SELECT image_id FROM (" + OutcomeQueries.PREDICTION_OUTCOMES + ") WHERE outcome IN "
                            + FilterSql.placeholders(wanted.size()) + ")");
                    double t = Thresholds.value(o.tIndex());
                    params.addAll(List.of(t, t, Thresholds.BACKGROUND_IOU, Thresholds.BACKGROUND_IOU, o.tIndex(), setId));
                    params.addAll(wanted);
                }
                and.add("(" + String.join(" OR ", or) + ")");
            }
            default -> throw new IllegalStateException("scope " + scope);
        }
    }

    /** The stored outcome values ({@code tp} or reasons) that the names select; {@code fp} means every reason. */
    private static Set<String> predictionOutcomes(List<String> names, List<String> allowed, String what) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n.equals("fp")) {
                out.addAll(OutcomeFilter.REASONS);
            } else if (n.equals("tp") || OutcomeFilter.REASONS.contains(n)) {
                out.add(n);
            } else if (!allowed.contains(n)) {
                throw unknown(n, what, allowed);
            }
        }
        return out;
    }

    private static void check(List<String> names, List<String> allowed, String what) {
        for (String n : names) {
            if (!allowed.contains(n)) {
                throw unknown(n, what, allowed);
            }
        }
    }

    private static LoupeException unknown(String name, String what, List<String> allowed) {
        List<String> known = new ArrayList<>(allowed);
        if (!what.equals("ground truth")) {
            known.addAll(OutcomeFilter.REASONS);
        }
        return LoupeException.badInput("unknown " + what + " outcome '" + name + "'; known: " + String.join(", ", known));
    }
}
