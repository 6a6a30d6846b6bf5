package dev.loupe.store.filter;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.outcome.Thresholds;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The WHERE condition of an {@link OutcomeFilter}, built on the stored matches and overlaps of
 * the outcome queries (so a search agrees with its counts by construction). Names are checked
 * against the scope's outcomes; set and threshold are bound parameters.
 */
public final class OutcomeSql {
    private OutcomeSql() {
    }

    /**
     * The outcome of prediction p at threshold ? (twice, then the background IoU twice): tp,
     * ignored, or the false positive's reason. Needs {@code m} = its match at the threshold (LEFT
     * JOIN) and {@code o} = its overlaps.
     */
    public static final String OUTCOME_CASE = "CASE WHEN m.prediction_id IS NOT NULL THEN (CASE WHEN m.crowd THEN 'ignored' "
            + "ELSE 'tp' END) WHEN o.same_iou >= ? THEN 'duplicate' WHEN o.other_iou >= ? THEN 'wrong_class' "
            + "WHEN o.same_iou >= ? THEN 'localisation' WHEN o.other_iou >= ? THEN 'wrong_class' ELSE 'background' END";

    /** Predictions of set ? with their outcome at threshold index ?; parameters: see {@link #bindOutcome}. */
    public static final String PREDICTION_OUTCOMES = "SELECT p.id, p.image_id, p.category_id, p.score, " + OUTCOME_CASE
            + " AS outcome, m.annotation_id, m.iou FROM predictions p "
            + "LEFT JOIN prediction_matches m ON m.set_id = p.set_id AND m.prediction_id = p.id AND m.t_index = ? "
            + "LEFT JOIN prediction_overlaps o ON o.prediction_id = p.id WHERE p.set_id = ?";

    /** Evaluated ground truths (class, shape, not crowd) with matched = whether set ? matched them at index ?. */
    public static final String GROUND_TRUTH_OUTCOMES = "SELECT a.id, a.image_id, a.category_id, "
            + "a.id IN (SELECT annotation_id FROM prediction_matches WHERE set_id = ? AND t_index = ?) AS matched, "
            + "coalesce(ov.best_iou, 0) AS best_iou FROM annotations a "
            + "LEFT JOIN annotation_overlaps ov ON ov.set_id = ? AND ov.annotation_id = a.id "
            + "WHERE a.category_id IS NOT NULL AND NOT a.iscrowd AND a.kind <> 'label'";

    /** Binds the parameters of {@link #PREDICTION_OUTCOMES} from index {@code from}; returns the next index. */
    public static int bindOutcome(PreparedStatement ps, int from, int setId, int tIndex) throws SQLException {
        double t = Thresholds.value(tIndex);
        ps.setDouble(from, t);
        ps.setDouble(from + 1, t);
        ps.setDouble(from + 2, Thresholds.BACKGROUND_IOU);
        ps.setDouble(from + 3, Thresholds.BACKGROUND_IOU);
        ps.setInt(from + 4, tIndex);
        ps.setInt(from + 5, setId);
        return from + 6;
    }

    /** Binds the parameters of {@link #GROUND_TRUTH_OUTCOMES}; returns the next index. */
    public static int bindGroundTruth(PreparedStatement ps, int from, int setId, int tIndex) throws SQLException {
        ps.setInt(from, setId);
        ps.setInt(from + 1, tIndex);
        ps.setInt(from + 2, setId);
        return from + 3;
    }

    /** Adds the condition of {@code o}'s outcomes (its set's id is {@code setId}) for items of {@code scope} to {@code and}, its values to {@code params}. */
    public static void add(Scope scope, OutcomeFilter o, int setId, List<String> and, List<Object> params) {
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
                    or.add("i.id IN (SELECT image_id FROM (" + GROUND_TRUTH_OUTCOMES + ") WHERE NOT matched)");
                    params.add(setId);
                    params.add(o.tIndex());
                    params.add(setId);
                }
                if (!names.isEmpty()) {
                    Set<String> wanted = predictionOutcomes(names, List.of("tp", "fp", "fn"), "image");
                    or.add("i.id IN (SELECT image_id FROM (" + PREDICTION_OUTCOMES + ") WHERE outcome IN "
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
