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
        try {
            long n;
            long missing;
            Double min;
            Double q1;
            Double median;
            Double q3;
            Double max;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(" + col + "), count(*) - count(" + col + "), min(" + col
                    + "), quantile_cont(" + col + ", 0.25), quantile_cont(" + col + ", 0.5), quantile_cont(" + col + ", 0.75), max("
                    + col + ") FROM " + f.from + " WHERE " + f.where)) {
                f.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                    missing = rs.getLong(2);
                    min = Rows.toDouble(rs.getObject(3));
                    q1 = Rows.toDouble(rs.getObject(4));
                    median = Rows.toDouble(rs.getObject(5));
                    q3 = Rows.toDouble(rs.getObject(6));
                    max = Rows.toDouble(rs.getObject(7));
                }
            }
            IqrOutliers o = info.outliers() ? IqrOutliers.count(c, col, "FROM " + f.from + " WHERE " + f.where, q1, q3, f::bind)
                    : IqrOutliers.NONE;
            double[] edges = new double[0];
            long[] counts = new long[0];
            if (min != null) {
                int b = max > min ? bins : 1;
                double width = b == 1 ? 0 : (max - min) / b;
                edges = new double[b + 1];
                for (int i = 0; i <= b; i++) {
                    edges[i] = i == b ? max : min + i * width;
                }
                counts = new long[b];
                String bin = b == 1 ? "0" : "least(CAST(floor((" + col + " - ?) / ?) AS INTEGER), " + (b - 1) + ")";
                try (PreparedStatement ps = c.prepareStatement("SELECT " + bin + " AS bin, count(*) FROM " + f.from + " WHERE "
                        + col + " IS NOT NULL AND " + f.where + " GROUP BY bin")) {
                    int i = 1;
                    if (b > 1) {
                        ps.setDouble(i++, min);
                        ps.setDouble(i++, width);
                    }
                    f.bind(ps, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts[Math.max(0, rs.getInt(1))] += rs.getLong(2);
                        }
                    }
                }
            }
            return new Distribution(metricId, n, missing, min, q1, median, q3, max, o.lowerModerate(), o.upperModerate(), o.lowerSevere(),
                    o.upperSevere(), o.moderate(), o.severe(), edges, counts);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }
}
