package dev.loupe.store.filter;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.Condition;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.sql.MetricColumns;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link ItemFilter} into a FROM and WHERE clause with bound parameters. Every name in
 * the filter is checked first: metric ids against the metric catalogue (only catalogue ids become
 * column names), classes against the categories, issue kinds against the rules and the stored
 * import issue kinds. Values never enter the SQL text.
 *
 * <p>Aliases: {@code i} images, {@code m} the scope's metric table; for annotations also {@code a}
 * annotations and {@code k} categories; for predictions {@code p} predictions, {@code k} categories
 * and {@code q} the predictions' outcomes at the filter's threshold ({@code q.outcome}: tp, ignored
 * or a false-positive reason; {@code q.annotation_id}, {@code q.iou}: the match).
 *
 * <p>The prediction FROM clause has parameters (set and threshold): {@link #params} holds them
 * first, then the WHERE clause's, so every statement must read {@code FROM from WHERE where}.
 */
public final class FilterSql {
    public final Scope scope;
    public final String from;
    public final String key;
    public final String where;
    public final List<Object> params;
    /** Whether {@link #where} reads the scope's metric table {@code m}. */
    private final boolean readsMetrics;

    private FilterSql(Scope scope, String from, String key, String where, List<Object> params, boolean readsMetrics) {
        this.scope = scope;
        this.from = from;
        this.key = key;
        this.where = where;
        this.params = Collections.unmodifiableList(params);
        this.readsMetrics = readsMetrics;
    }

    /**
     * The top-1 class id of image {@code i} in a classification set (one parameter: the set id):
     * the highest probability, the lowest class id on ties, as the classification evaluation ranks.
     */
    public static final String TOP1 = "(SELECT cp.category_id FROM class_probabilities cp WHERE cp.set_id = ? AND cp.image_id = i.id "
            + "ORDER BY cp.probability DESC, cp.category_id LIMIT 1)";

    /** The FROM clause of a scope, without conditions. */
    public static String from(Scope scope) {
        return switch (scope) {
            case IMAGE -> "images i LEFT JOIN image_metrics m ON m.image_id = i.id";
            case ANNOTATION -> "annotations a JOIN images i ON i.id = a.image_id LEFT JOIN annotation_metrics m ON m.annotation_id = a.id "
                    + "LEFT JOIN categories k ON k.id = a.category_id";
            case PREDICTION -> "(" + OutcomeSql.PREDICTION_OUTCOMES + ") q JOIN predictions p ON p.id = q.id "
                    + "JOIN images i ON i.id = p.image_id LEFT JOIN prediction_metrics m ON m.prediction_id = p.id "
                    + "LEFT JOIN categories k ON k.id = p.category_id";
        };
    }

    /**
     * A FROM clause for this filter's WHERE that joins the scope's metric table {@code m} only when
     * the WHERE or the caller ({@code metrics}) reads it, and never the categories: the same rows as
     * {@link #from} (those are left joins on unique keys) without a hash table over every item's
     * metric row, which dominates a count or a page at 10^6 annotations. For the prediction scope it
     * is {@link #from} (whose parameters come first).
     */
    public String from(boolean metrics) {
        boolean m = metrics || readsMetrics;
        return switch (scope) {
            case IMAGE -> m ? from : "images i";
            case ANNOTATION -> "annotations a JOIN images i ON i.id = a.image_id" + (m ? " LEFT JOIN annotation_metrics m ON m.annotation_id = a.id" : "");
            case PREDICTION -> from;
        };
    }

    /** The item id expression of a scope. */
    public static String key(Scope scope) {
        return switch (scope) {
            case IMAGE -> "i.id";
            case ANNOTATION -> "a.id";
            case PREDICTION -> "p.id";
        };
    }

    /**
     * @param catalogue   numeric metrics of the filter's scope, by id
     * @param imageCatalogue numeric image metrics, by id: annotation and prediction filters may hold
     *                    ranges of their image's metrics too (a worst slice such as "objects on dark images")
     * @param rules       the project's issue rules
     * @param importKinds issue kinds recorded by the import for items of this scope
     * @param classIds    the category ids of every class name of the project (a class filter becomes
     *                    a condition on category ids, so no query joins the categories to filter)
     * @param splits      every split of the project's images ("none" is always accepted: images
     *                    without a split)
     * @param setId       the id of the filter's prediction set, or null when it names none
     * @param classifierId the id of the filter's classification set, or null when it names none
     */
    public static FilterSql of(ItemFilter f, Map<String, MetricInfo> catalogue, Map<String, MetricInfo> imageCatalogue, List<IssueRule> rules,
                        Set<String> importKinds, Map<String, List<Integer>> classIds, Set<String> splits, Integer setId,
                        Integer classifierId) {
        Scope scope = f.scope();
        String key = key(scope);
        String itemType = MetricColumns.scopeName(scope);
        List<String> and = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        boolean readsMetrics = false;
        if (scope == Scope.PREDICTION) {
            OutcomeFilter o = f.outcome();
            double t = dev.loupe.core.outcome.Thresholds.value(o.tIndex());
            double bg = dev.loupe.core.outcome.Thresholds.BACKGROUND_IOU;
            params.addAll(List.of(t, t, bg, bg, o.tIndex(), setId));
        }
        for (ItemFilter.MetricRange r : f.ranges()) {
            String col = scope != Scope.IMAGE && !catalogue.containsKey(r.metricId()) && imageCatalogue.containsKey(r.metricId())
                    ? "(SELECT im." + MetricColumns.column(r.metricId()) + " FROM image_metrics im WHERE im.image_id = i.id)"
                    : "m." + metricColumn(r.metricId(), catalogue, scope);
            readsMetrics |= col.startsWith("m.");
            if (r.min() != null) {
                and.add(col + " >= ?");
                params.add(finite(r.min(), r.metricId()));
            }
            if (r.max() != null) {
                and.add(col + " <= ?");
                params.add(finite(r.max(), r.metricId()));
            }
            if (r.min() == null && r.max() == null) {
                and.add(col + " IS NOT NULL");
            }
        }
        if (!f.classes().isEmpty()) {
            List<Integer> ids = new ArrayList<>();
            for (String c : f.classes()) {
                List<Integer> of = classIds.get(c);
                if (of == null) {
                    throw unknownClass(c, classIds);
                }
                ids.addAll(of);
            }
            String in = placeholders(ids.size());
            and.add(switch (scope) {
                case IMAGE -> "EXISTS (SELECT 1 FROM annotations a2 WHERE a2.image_id = i.id AND a2.category_id IN " + in + ")";
                case ANNOTATION -> "a.category_id IN " + in;
                case PREDICTION -> "p.category_id IN " + in;
            });
            params.addAll(ids);
        }
        if (!f.tags().isEmpty()) {
            and.add("EXISTS (SELECT 1 FROM tags t WHERE t.item_type = ? AND t.item_id = " + key + " AND t.name IN "
                    + placeholders(f.tags().size()) + ")");
            params.add(itemType);
            params.addAll(f.tags());
        }
        if (!f.splits().isEmpty()) {
            for (String split : f.splits()) {
                // A split the project does not have is a typo, not an empty selection.
                if (!split.equals("none") && !splits.contains(split)) {
                    throw LoupeException.badInput("unknown split '" + split + "'; the project's splits: "
                            + (splits.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(splits))));
                }
            }
            and.add("coalesce(i.split, 'none') IN " + placeholders(f.splits().size()));
            params.addAll(f.splits());
        }
        if (!f.issues().isEmpty()) {
            List<String> or = new ArrayList<>();
            for (String kind : f.issues()) {
                IssueRule rule = rules.stream().filter(r -> r.scope() == scope && r.id().equals(kind)).findFirst().orElse(null);
                if (rule != null) {
                    List<String> conds = new ArrayList<>();
                    for (Condition c : rule.conditions()) {
                        if (!catalogue.containsKey(c.metricId())) {
                            throw LoupeException.badInput("issue '" + kind + "' needs metric " + c.metricId()
                                    + ", which this project has not computed; run 'loupe analyze'");
                        }
                        conds.add("m." + MetricColumns.column(c.metricId()) + " " + c.op().symbol() + " ?");
                        readsMetrics = true;
                        params.add(c.threshold());
                    }
                    or.add("(" + String.join(" AND ", conds) + ")");
                } else if (importKinds.contains(kind)) {
                    or.add("EXISTS (SELECT 1 FROM issues s WHERE s.item_type = ? AND s.item_id = " + key + " AND s.kind = ?)");
                    params.add(itemType);
                    params.add(kind);
                } else {
                    List<String> known = new ArrayList<>();
                    rules.stream().filter(r -> r.scope() == scope).forEach(r -> known.add(r.id()));
                    known.addAll(new java.util.TreeSet<>(importKinds));
                    throw LoupeException.badInput("unknown " + itemType + " issue kind '" + kind + "'; known: "
                            + String.join(", ", known));
                }
            }
            and.add("(" + String.join(" OR ", or) + ")");
        }
        if (f.path() != null) {
            // A substring search: LIKE's wildcards in the user's text are escaped, so they match themselves.
            and.add("i.path ILIKE ? ESCAPE '\\'");
            params.add("%" + f.path().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.classifier() != null) {
            ClassifierFilter cf = f.classifier();
            for (String c : cf.predicted()) {
                if (!classIds.containsKey(c)) {
                    throw unknownClass(c, classIds);
                }
            }
            // Every image the set scored; with conditions, on its top-1 class.
            and.add("EXISTS (SELECT 1 FROM class_probabilities cp0 WHERE cp0.set_id = ? AND cp0.image_id = i.id)");
            params.add(classifierId);
            if (!cf.predicted().isEmpty()) {
                and.add("(SELECT kc.name FROM categories kc WHERE kc.id = " + TOP1 + ") IN " + placeholders(cf.predicted().size()));
                params.add(classifierId);
                params.addAll(cf.predicted());
            }
            if (cf.wrongOnly()) {
                and.add("EXISTS (SELECT 1 FROM annotations al WHERE al.image_id = i.id AND al.kind = 'label' "
                        + "AND al.category_id IS DISTINCT FROM " + TOP1 + ")");
                params.add(classifierId);
            }
        }
        if (!f.ids().isEmpty()) {
            and.add(key + " IN " + placeholders(f.ids().size()));
            params.addAll(f.ids());
        }
        if (f.outcome() != null && !f.outcome().outcomes().isEmpty()) {
            OutcomeSql.add(scope, f.outcome(), setId, and, params);
        }
        String where = and.isEmpty() ? "TRUE" : String.join(" AND ", and);
        return new FilterSql(scope, from(scope), key, where, params, readsMetrics);
    }

    /** The quoted column of a metric id that the catalogue lists for the scope. */
    public static String metricColumn(String id, Map<String, MetricInfo> catalogue, Scope scope) {
        if (!catalogue.containsKey(id)) {
            String name = MetricColumns.scopeName(scope);
            throw LoupeException.badInput("unknown " + name + " metric '" + id + "'; "
                    + (catalogue.isEmpty() ? "the project has no computed " + name + " metrics"
                    : "known: " + String.join(", ", new java.util.TreeSet<>(catalogue.keySet()))));
        }
        return MetricColumns.column(id);
    }

    /** Binds this filter's parameters from index {@code first}; returns the next free index. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }

    public static String placeholders(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    private static LoupeException unknownClass(String name, Map<String, List<Integer>> classIds) {
        return LoupeException.badInput("unknown class '" + name + "'; known: " + String.join(", ", new java.util.TreeSet<>(classIds.keySet())));
    }

    private static double finite(double v, String id) {
        if (!Double.isFinite(v)) {
            throw LoupeException.badInput("range of " + id + " must be finite, got " + v);
        }
        return v;
    }
}
