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
        String both = "isfinite(" + x + ") AND isfinite(" + y + ")"; // null when either is null
        try {
            long count;
            long missing;
            Double xMin;
            Double xMax;
            Double yMin;
            Double yMax;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE " + both + "), count(*) FILTER (WHERE NOT coalesce("
                    + both + ", FALSE)), min(" + x + ") FILTER (WHERE " + both + "), max(" + x + ") FILTER (WHERE " + both + "), min(" + y
                    + ") FILTER (WHERE " + both + "), max(" + y + ") FILTER (WHERE " + both + ") FROM " + f.from + " WHERE " + f.where)) {
                f.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                    missing = rs.getLong(2);
                    xMin = Rows.toDouble(rs.getObject(3));
                    xMax = Rows.toDouble(rs.getObject(4));
                    yMin = Rows.toDouble(rs.getObject(5));
                    yMax = Rows.toDouble(rs.getObject(6));
                }
            }
            if (count == 0) {
                return new Scatter(xMetric, yMetric, bins, 0, missing, null, null, null, null, new long[0][]);
            }
            long[][] counts = new long[bins][bins];
            String sql = "SELECT " + bin(x) + " AS gx, " + bin(y) + " AS gy, count(*) FROM " + f.from + " WHERE " + both + " AND "
                    + f.where + " GROUP BY gx, gy";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(ps, 1, xMin, xMax, bins);
                i = bind(ps, i, yMin, yMax, bins);
                f.bind(ps, i);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts[rs.getInt(1)][rs.getInt(2)] += rs.getLong(3);
                    }
                }
            }
            return new Scatter(xMetric, yMetric, bins, count, missing, xMin, xMax, yMin, yMax, counts);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** The bin of a column: parameters min, bins, span, bins - 1 (the span is 1 when min = max, putting all in bin 0). */
    private static String bin(String col) {
        return "greatest(0, least(CAST(floor((" + col + " - ?) * ? / ?) AS INTEGER), ?))";
    }

    private static int bind(PreparedStatement ps, int first, double min, double max, int bins) throws SQLException {
        ps.setDouble(first, min);
        ps.setInt(first + 1, bins);
        ps.setDouble(first + 2, max > min ? max - min : 1);
        ps.setInt(first + 3, bins - 1);
        return first + 4;
    }
}
