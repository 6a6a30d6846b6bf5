package dev.loupe.store.browse;

import dev.loupe.core.LoupeException;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Counts the items of a filter on a grid of two metrics (see {@link Scatter}) in two queries: the
 * bounds, then one GROUP BY over both bin numbers. Metric columns come from the catalogue only;
 * bounds and filter values are bound parameters.
 */
final class ScatterQuery {
    static final int MAX_BINS = 200;

    private final Connection c;

    ScatterQuery(Connection c) {
        this.c = c;
    }

    Scatter scatter(FilterSql f, Map<String, MetricInfo> numeric, String xMetric, String yMetric, int bins) {
        if (bins < 1 || bins > MAX_BINS) {
            throw LoupeException.badInput("bins must be between 1 and " + MAX_BINS + ", got " + bins);
        }
        String x = "m." + FilterSql.metricColumn(xMetric, numeric, f.scope);
        String y = "m." + FilterSql.metricColumn(yMetric, numeric, f.scope);
        // One pass over the selected items: their two values kept once, then the extremes and the 2-D bins.
        String sql = "WITH v AS MATERIALIZED (SELECT " + x + " AS x, " + y + " AS y FROM " + f.from + " WHERE " + f.where + "), "
                + "s AS (SELECT count(*) FILTER (WHERE " + BOTH + ") AS n, count(*) FILTER (WHERE NOT coalesce(" + BOTH + ", FALSE)) AS missing, "
                + "min(x) FILTER (WHERE " + BOTH + ") AS x0, max(x) FILTER (WHERE " + BOTH + ") AS x1, min(y) FILTER (WHERE " + BOTH
                + ") AS y0, max(y) FILTER (WHERE " + BOTH + ") AS y1 FROM v) "
                + "SELECT s.*, g.* FROM s LEFT JOIN (SELECT " + bin("x", "s.x0", "s.x1") + " AS gx, " + bin("y", "s.y0", "s.y1")
                + " AS gy, count(*) FROM v, s WHERE " + BOTH + " GROUP BY gx, gy) g ON TRUE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = f.bind(ps, 1);
            ps.setInt(i++, bins);
            ps.setInt(i++, bins - 1);
            ps.setInt(i++, bins);
            ps.setInt(i, bins - 1);
            long count = 0;
            long missing = 0;
            Double xMin = null;
            Double xMax = null;
            Double yMin = null;
            Double yMax = null;
            long[][] counts = new long[bins][bins];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count = rs.getLong(1);
                    missing = rs.getLong(2);
                    xMin = Rows.toDouble(rs.getObject(3));
                    xMax = Rows.toDouble(rs.getObject(4));
                    yMin = Rows.toDouble(rs.getObject(5));
                    yMax = Rows.toDouble(rs.getObject(6));
                    if (rs.getObject(7) != null) {
                        counts[rs.getInt(7)][rs.getInt(8)] += rs.getLong(9);
                    }
                }
            }
            if (count == 0) {
                return new Scatter(xMetric, yMetric, bins, 0, missing, null, null, null, null, new long[0][]);
            }
            return new Scatter(xMetric, yMetric, bins, count, missing, xMin, xMax, yMin, yMax, counts);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** Both values finite (null when either is null). */
    private static final String BOTH = "isfinite(x) AND isfinite(y)";

    /**
     * The bin of a value between the extremes {@code lo} and {@code hi} (parameters: bins, bins - 1);
     * the span is 1 when min = max, putting all in bin 0.
     */
    private static String bin(String v, String lo, String hi) {
        return "greatest(0, least(CAST(floor((" + v + " - " + lo + ") * ? / (CASE WHEN " + hi + " > " + lo + " THEN " + hi + " - " + lo
                + " ELSE 1 END)) AS INTEGER), ?))";
    }
}
