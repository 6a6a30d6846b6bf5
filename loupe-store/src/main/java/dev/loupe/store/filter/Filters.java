package dev.loupe.store.filter;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.SetKind;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metric catalogue and the names a filter may use, read from the project, and a filter's SQL
 * built against them ({@link FilterSql}): every room that selects items goes through here.
 */
public final class Filters {
    private final Connection c;

    public Filters(Connection c) {
        this.c = c;
    }

    /** Every stored metric, by scope then id. */
    public List<MetricInfo> catalogue() {
        List<MetricInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT metric_id, scope, coalesce(kind, 'real'), coalesce(title, metric_id), "
                + "coalesce(outliers, TRUE), version FROM metric_columns ORDER BY scope, metric_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new MetricInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getString(6)));
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

    /** Numeric metrics of a scope, by id. */
    public Map<String, MetricInfo> numeric(Scope scope) {
        Map<String, MetricInfo> out = new TreeMap<>();
        String name = MetricColumns.scopeName(scope);
        for (MetricInfo m : catalogue()) {
            if (m.scope().equals(name) && m.numeric()) {
                out.put(m.id(), m);
            }
        }
        return out;
    }

    /**
     * The SQL of a filter: its metric, class, split, tag, issue and prediction-set names checked
     * against what the project holds (a BAD_INPUT error names the unknown one).
     */
    public FilterSql compile(ItemFilter f, List<IssueRule> rules) {
        try {
            Integer setId = f.outcome() == null ? null : detectionSet(f.outcome().set());
            Set<String> splits = f.splits().isEmpty() ? Set.of()
                    : strings("SELECT DISTINCT split FROM images WHERE split IS NOT NULL");
            Integer classifierId = f.classifier() == null ? null : classificationSet(f.classifier().set());
            return FilterSql.of(f, numeric(f.scope()), f.scope() == Scope.IMAGE ? Map.of() : numeric(Scope.IMAGE), rules,
                    importKinds(f.scope()), classIds(), splits, setId, classifierId);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** The id of the detection prediction set named {@code name}; fails with a clear message when there is none. */
    public int detectionSet(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind FROM prediction_sets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noSet(name);
                }
                if (SetKind.CLASSIFICATION.equals(rs.getString(2))) {
                    throw LoupeException.badInput("prediction set '" + name + "' is a classification set; outcomes need a detection set");
                }
                return rs.getInt(1);
            }
        }
    }

    /** The id of the classification set named {@code name}; fails with a clear message when there is none. */
    public int classificationSet(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind FROM prediction_sets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noSet(name);
                }
                if (!SetKind.CLASSIFICATION.equals(rs.getString(2))) {
                    throw LoupeException.badInput("prediction set '" + name + "' is a detection set; classifier needs a classification set");
                }
                return rs.getInt(1);
            }
        }
    }

    public Set<String> importKinds(Scope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT kind FROM issues WHERE item_type = ?")) {
            ps.setString(1, MetricColumns.scopeName(scope));
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** No set of this name: the error names the sets there are. */
    private LoupeException noSet(String name) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM prediction_sets ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return LoupeException.badInput("no prediction set named '" + name + "'; "
                + (names.isEmpty() ? "the project has none" : "the project has " + String.join(", ", names)));
    }

    /** The category ids of each class name of the project (a name given to two categories has both). */
    public Map<String, List<Integer>> classIds() throws SQLException {
        Map<String, List<Integer>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, id FROM categories ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
            }
        }
        return out;
    }

    /** The name of each category id. */
    public Map<Integer, String> classNamesById() throws SQLException {
        Map<Integer, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM categories"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private Set<String> strings(String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
