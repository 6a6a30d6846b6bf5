package dev.loupe.store.browse;

import dev.loupe.core.LoupeException;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads one metric's values under a filter, sorted, in one query. The column comes from the
 * catalogue only; filter values are bound parameters.
 */
final class SampleQuery {
    /** The most values one sample may hold (memory: 8 bytes each). */
    static final int MAX_VALUES = 20_000_000;

    private final Connection c;

    SampleQuery(Connection c) {
        this.c = c;
    }

    MetricSample sample(FilterSql f, Map<String, MetricInfo> numeric, String metricId) {
        String col = "m." + FilterSql.metricColumn(metricId, numeric, f.scope);
        String sql = "SELECT CASE WHEN isfinite(" + col + ") THEN " + col + " END AS v FROM " + f.from + " WHERE " + f.where
                + " ORDER BY v NULLS LAST";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            f.bind(ps, 1);
            double[] values = new double[1024];
            int n = 0;
            long items = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items++;
                    double v = rs.getDouble(1);
                    if (rs.wasNull()) {
                        continue;
                    }
                    if (n == values.length) {
                        if (n >= MAX_VALUES) {
                            throw LoupeException.badInput("more than " + MAX_VALUES + " values of " + metricId
                                    + " in one selection; narrow it with a filter");
                        }
                        values = Arrays.copyOf(values, Math.min(MAX_VALUES, 2 * n));
                    }
                    values[n++] = v;
                }
            }
            return new MetricSample(metricId, items, Arrays.copyOf(values, n));
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }
}
