package dev.loupe.store.browse;

import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The issue kinds a filter of a scope can name, with counts (the summary's one pass per scope). */
final class IssueKindQuery {
    private final Connection c;
    private final Filters filters;

    IssueKindQuery(Connection c) {
        this.c = c;
        this.filters = new Filters(c);
    }

    /** Rule kinds (with counts) and import issue kinds of a scope. */
    List<IssueKindInfo> issueKinds(Scope scope, List<IssueRule> rules) {
        List<IssueKindInfo> out = new ArrayList<>();
        String name = MetricColumns.scopeName(scope);
        Map<String, MetricInfo> numeric = filters.numeric(scope);
        try {
            List<IssueRule> applicable = rules.stream().filter(r -> r.scope() == scope
                    && r.conditions().stream().allMatch(cd -> numeric.containsKey(cd.metricId()))).toList();
            long[] counts = ruleCounts(scope, applicable, rules, numeric);
            for (int i = 0; i < applicable.size(); i++) {
                IssueRule r = applicable.get(i);
                out.add(new IssueKindInfo(r.id(), "rule", name, counts[i], r.description() + " (" + r.expression() + ")"));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, count(DISTINCT item_id), any_value(severity) FROM issues "
                    + "WHERE item_type = ? AND item_id IS NOT NULL GROUP BY kind ORDER BY kind")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new IssueKindInfo(rs.getString(1), "import", name, rs.getLong(2), rs.getString(3) + " found by the import"));
                    }
                }
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

    /**
     * The number of items each rule flags, in one scan of the scope's table: a count with a FILTER
     * clause per rule, each clause the WHERE that filtering by that issue kind alone would use (so
     * the counts equal the Explorer's totals). The summary called one filter and count per rule.
     */
    private long[] ruleCounts(Scope scope, List<IssueRule> applicable, List<IssueRule> rules, Map<String, MetricInfo> numeric)
            throws SQLException {
        if (applicable.isEmpty()) {
            return new long[0];
        }
        Map<String, MetricInfo> imageCatalogue = scope == Scope.IMAGE ? Map.of() : filters.numeric(Scope.IMAGE);
        Set<String> importKinds = filters.importKinds(scope);
        Map<String, List<Integer>> classIds = filters.classIds();
        List<FilterSql> ruleFilters = new ArrayList<>();
        for (IssueRule r : applicable) {
            ItemFilter f = new ItemFilter(scope, List.of(), List.of(), List.of(), List.of(r.id()), List.of());
            ruleFilters.add(FilterSql.of(f, numeric, imageCatalogue, rules, importKinds, classIds, Set.of(), null, null));
        }
        String from = ruleFilters.get(0).from;
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < ruleFilters.size(); i++) {
            if (!ruleFilters.get(i).from.equals(from)) {
                throw new IllegalStateException("rule filters of one scope read different tables: " + from + " / " + ruleFilters.get(i).from);
            }
            sql.append(i == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(ruleFilters.get(i).where).append(")");
        }
        sql.append(" FROM ").append(from);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int next = 1;
            for (FilterSql f : ruleFilters) {
                next = f.bind(ps, next);
            }
            long[] counts = new long[ruleFilters.size()];
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = rs.getLong(i + 1);
                }
            }
            return counts;
        }
    }
}
