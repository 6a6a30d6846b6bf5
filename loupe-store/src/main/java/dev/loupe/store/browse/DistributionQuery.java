package dev.loupe.store.browse;

import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.sql.IqrOutliers;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Quartiles, IQR outliers and a histogram of one metric over the items a filter selects. */
final class DistributionQuery {
    private final Connection c;
    private final Filters filters;

    DistributionQuery(Connection c) {
        this.c = c;
        this.filters = new Filters(c);
    }

    Distribution distribution(ItemFilter filter, String metricId, int bins, List<IssueRule> rules) {
        if (bins < 1 || bins > 200) {
            throw LoupeException.badInput("bins must be between 1 and 200, got " + bins);
        }
        FilterSql f = filters.compile(filter, rules);
        MetricInfo info = filters.numeric(f.scope).get(metricId);
        String col = "m." + FilterSql.metricColumn(metricId, filters.numeric(f.scope), f.scope);
        // One statement, one pass over the selected items: their values kept once (a materialised
        // CTE), then the count, extremes and quartiles, and per bin its count and the values outside the
        // IQR fences (those need the quartiles, so a second look at the kept values, not at the tables).
        String sql = "WITH v AS MATERIALIZED (SELECT " + col + " AS x FROM " + f.from + " WHERE " + f.where + "), "
                + "s AS (SELECT count(x) AS n, count(*) - count(x) AS missing, min(x) AS lo, quantile_cont(x, 0.25) AS q1, "
                + "quantile_cont(x, 0.5) AS med, quantile_cont(x, 0.75) AS q3, max(x) AS hi, "
                + "CASE WHEN max(x) > min(x) THEN CAST(? AS INTEGER) ELSE 1 END AS b FROM v) "
                + "SELECT s.n, s.missing, s.lo, s.q1, s.med, s.q3, s.hi, s.b, g.* FROM s LEFT JOIN ("
                + "SELECT CASE WHEN s.b = 1 THEN 0 ELSE least(CAST(floor((x - s.lo) / ((s.hi - s.lo) / s.b)) AS INTEGER), s.b - 1) END AS bin, "
                + "count(*), " + IqrOutliers.outsideCounts("x", "s.q1", "s.q3") + " FROM v, s WHERE x IS NOT NULL GROUP BY bin) g ON TRUE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(f.bind(ps, 1), bins);
            long n = 0;
            long missing = 0;
            Double min = null;
            Double q1 = null;
            Double median = null;
            Double q3 = null;
            Double max = null;
            double[] edges = new double[0];
            long[] counts = new long[0];
            long outsideModerate = 0;
            long outsideSevere = 0;
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        first = false;
                        n = rs.getLong(1);
                        missing = rs.getLong(2);
                        min = Rows.toDouble(rs.getObject(3));
                        q1 = Rows.toDouble(rs.getObject(4));
                        median = Rows.toDouble(rs.getObject(5));
                        q3 = Rows.toDouble(rs.getObject(6));
                        max = Rows.toDouble(rs.getObject(7));
                        if (min != null) {
                            int b = rs.getInt(8);
                            double width = b == 1 ? 0 : (max - min) / b;
                            edges = new double[b + 1];
                            for (int i = 0; i <= b; i++) {
                                edges[i] = i == b ? max : min + i * width;
                            }
                            counts = new long[b];
                        }
                    }
                    if (rs.getObject(9) != null) {
                        counts[Math.max(0, rs.getInt(9))] += rs.getLong(10);
                        outsideModerate += rs.getLong(11);
                        outsideSevere += rs.getLong(12);
                    }
                }
            }
            IqrOutliers o = info.outliers() ? IqrOutliers.of(q1, q3, outsideModerate, outsideSevere) : IqrOutliers.NONE;
            return new Distribution(metricId, n, missing, min, q1, median, q3, max, o.lowerModerate(), o.upperModerate(), o.lowerSevere(),
                    o.upperSevere(), o.moderate(), o.severe(), edges, counts);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }
}
