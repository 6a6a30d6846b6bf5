package dev.loupe.store.metrics;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.Condition;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.sql.IqrOutliers;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.StoreFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read side of the metric tables: distributions, outliers, rule findings, export. */
final class MetricQueries {
    private final Connection c;

    MetricQueries(Connection c) {
        this.c = c;
    }

    /** Metric ids stored for a scope, in id order. */
    List<String> metricIds(Scope scope) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT metric_id FROM metric_columns WHERE scope = ? ORDER BY metric_id")) {
            ps.setString(1, MetricColumns.scopeName(scope));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Distribution and IQR outliers of every quantity metric of a scope (numeric, not an identifier). */
    List<MetricStats> stats(Scope scope) {
        String table = MetricColumns.table(scope);
        String items = scope == Scope.IMAGE ? "images" : "annotations";
        List<MetricStats> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT metric_id, title, outliers FROM metric_columns "
                + "WHERE scope = ? AND kind NOT IN ('hash', 'identifier', 'coordinate') ORDER BY metric_id")) {
            ps.setString(1, MetricColumns.scopeName(scope));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stats(scope, table, items, rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    private MetricStats stats(Scope scope, String table, String items, String id, String title, boolean outliers)
            throws SQLException {
        String col = MetricColumns.column(id);
        String sql = "SELECT count(" + col + "), (SELECT count(*) FROM " + items + ") - count(" + col + "), min(" + col
                + "), quantile_cont(" + col + ", 0.25), median(" + col + "), quantile_cont(" + col + ", 0.75), max(" + col
                + "), avg(" + col + ") FROM " + table;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            Double q1 = (Double) rs.getObject(4);
            Double q3 = (Double) rs.getObject(6);
            IqrOutliers o = outliers ? IqrOutliers.count(c, col, "FROM " + table, q1, q3, (ps, first) -> { }) : IqrOutliers.NONE;
            return new MetricStats(id, MetricColumns.scopeName(scope), title, n, rs.getLong(2), (Double) rs.getObject(3), q1,
                    (Double) rs.getObject(5), q3, (Double) rs.getObject(7), (Double) rs.getObject(8), o.lowerModerate(),
                    o.upperModerate(), o.lowerSevere(), o.upperSevere(), o.moderate(), o.severe());
        }
    }

    /** What each rule flags. */
    List<RuleFinding> findings(List<IssueRule> rules) {
        List<RuleFinding> out = new ArrayList<>();
        try {
            Set<String> imageIds = new HashSet<>(metricIds(Scope.IMAGE));
            Set<String> annotationIds = new HashSet<>(metricIds(Scope.ANNOTATION));
            for (IssueRule r : rules) {
                Set<String> known = r.scope() == Scope.IMAGE ? imageIds : annotationIds;
                List<String> missing = r.conditions().stream().map(Condition::metricId).filter(m -> !known.contains(m)).toList();
                if (!missing.isEmpty()) {
                    out.add(new RuleFinding(r.id(), MetricColumns.scopeName(r.scope()), r.description(), r.expression(), 0, List.of(), missing));
                    continue;
                }
                out.add(finding(r));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    private RuleFinding finding(IssueRule r) throws SQLException {
        StringBuilder where = new StringBuilder();
        for (Condition cond : r.conditions()) {
            where.append(where.length() == 0 ? "" : " AND ").append("m.").append(MetricColumns.column(cond.metricId()))
                    .append(' ').append(cond.op().symbol()).append(" ?");
        }
        String from = r.scope() == Scope.IMAGE
                ? "image_metrics m JOIN images i ON i.id = m.image_id"
                : "annotation_metrics m JOIN annotations a ON a.id = m.annotation_id JOIN images i ON i.id = a.image_id "
                  + "LEFT JOIN categories k ON k.id = a.category_id";
        String label = r.scope() == Scope.IMAGE ? "i.path" : "i.path || ' #' || a.id || ' (' || coalesce(k.name, '?') || ')'";
        String key = r.scope() == Scope.IMAGE ? "m.image_id" : "m.annotation_id";
        long count;
        List<String> examples = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + from + " WHERE " + where)) {
            bind(ps, r);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + label + " FROM " + from + " WHERE " + where
                + " ORDER BY " + key + " LIMIT 5")) {
            bind(ps, r);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    examples.add(rs.getString(1));
                }
            }
        }
        return new RuleFinding(r.id(), MetricColumns.scopeName(r.scope()), r.description(), r.expression(), count, examples, List.of());
    }

    private static void bind(PreparedStatement ps, IssueRule r) throws SQLException {
        int i = 1;
        for (Condition cond : r.conditions()) {
            ps.setDouble(i++, cond.threshold());
        }
    }

    /**
     * Writes one row per item and one column per metric to a CSV or Parquet file, with item keys:
     * image id, path (relative to the images folder), split, size; for annotations also the
     * annotation id, class and box. In CSV, integer metrics (counts, flags, ranks, identifiers) are
     * written as integers ({@code 8}, not {@code 8.0}), and a text cell a spreadsheet would run as a
     * formula gets a leading apostrophe (SelectionExport.defuse, as the API's export).
     */
    long export(Scope scope, String format, Path file) {
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw LoupeException.badInput("export format must be csv or parquet, got " + format);
        }
        boolean csv = format.equals("csv");
        try {
            StringBuilder cols = new StringBuilder();
            Map<String, String> kinds = kinds(scope);
            for (String id : metricIds(scope)) {
                String name = MetricColumns.column(id);
                String col = "m." + name;
                cols.append(", ").append(csv && INTEGER_KINDS.contains(kinds.get(id))
                        ? "CASE WHEN " + col + " = trunc(" + col + ") AND abs(" + col + ") < 1e15 THEN CAST(CAST(" + col
                          + " AS BIGINT) AS VARCHAR) ELSE CAST(" + col + " AS VARCHAR) END AS " + name
                        : col);
            }
            String path = (csv ? defused("i.path") : "i.path") + " AS path";
            String select = scope == Scope.IMAGE
                    ? "SELECT i.id AS image_id, " + path + ", " + (csv ? defused("i.split") : "i.split") + " AS split"
                      + ", i.width, i.height" + cols
                      + " FROM images i LEFT JOIN image_metrics m ON m.image_id = i.id ORDER BY i.id"
                    : "SELECT a.id AS annotation_id, a.image_id, " + path + ", " + (csv ? defused("k.name") : "k.name")
                      + " AS class, a.kind, a.x, a.y, a.w, a.h" + cols
                      + " FROM annotations a JOIN images i ON i.id = a.image_id LEFT JOIN categories k ON k.id = a.category_id"
                      + " LEFT JOIN annotation_metrics m ON m.annotation_id = a.id ORDER BY a.id";
            // COPY takes no parameter for its target: the path is quoted as a SQL string literal.
            String target = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
            try (Statement s = c.createStatement()) {
                s.execute("COPY (" + select + ") TO " + target + " (FORMAT " + format + (csv ? ", HEADER" : "") + ")");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                    + (scope == Scope.IMAGE ? "images" : "annotations"))) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static final Set<String> INTEGER_KINDS = Set.of("non_negative_integer", "flag", "rank", "identifier");

    /** The SQL of a text column with SelectionExport's formula defusing. */
    private static String defused(String column) {
        return "CASE WHEN left(" + column + ", 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || " + column
                + " ELSE " + column + " END";
    }

    private Map<String, String> kinds(Scope scope) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT metric_id, kind FROM metric_columns WHERE scope = ?")) {
            ps.setString(1, MetricColumns.scopeName(scope));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static LoupeException failure(SQLException e) {
        return StoreFailure.reading(e);
    }
}
