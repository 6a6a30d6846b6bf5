package dev.loupe.store.browse;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
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

/**
 * The points of the 2-D embedding map (the stored {@code embedding_map_x/_y} coordinates) of images
 * or annotations, each with its class (an image's most frequent class), an optional metric value to
 * colour by, and whether it meets a filter: the map shows the whole project (a seeded sample when it
 * is larger than the limit) and the filter highlights its part of it.
 */
final class EmbeddingMapQuery {
    private final Connection c;

    private final Filters filters;

    EmbeddingMapQuery(Connection c) {
        this.c = c;
        this.filters = new Filters(c);
    }

    /**
     * @param colourExpression SQL of each point's colour value (a metric column or a tag test), or null
     * @param colourParams     its parameters
     */
    EmbeddingMap run(FilterSql f, String colourExpression, List<Object> colourParams, String colourMetric, int limit) throws SQLException {
        if (f.scope == Scope.PREDICTION) {
            throw LoupeException.badInput("the embedding map shows images or annotations, not predictions");
        }
        boolean images = f.scope == Scope.IMAGE;
        String prefix = images ? "image" : "annotation";
        String x = "m." + MetricColumns.column(prefix + ".embedding_map_x");
        String y = "m." + MetricColumns.column(prefix + ".embedding_map_y");
        String cls = images ? "(SELECT k2.name FROM annotations a2 JOIN categories k2 ON k2.id = a2.category_id WHERE a2.image_id = i.id "
                + "GROUP BY k2.name ORDER BY count(*) DESC, k2.name LIMIT 1)" : "k.name";
        String from = FilterSql.from(f.scope);
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + from + " WHERE " + x + " IS NOT NULL AND " + y
                + " IS NOT NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        // The colour and the filter's WHERE clause as columns: their parameters come first, in that order.
        String sql = "SELECT " + f.key + ", i.id, " + x + ", " + y + ", " + cls + ", "
                + (colourExpression == null ? "NULL" : colourExpression) + ", (" + f.where + ") AS hit, i.path FROM " + from
                + " WHERE " + x + " IS NOT NULL AND " + y + " IS NOT NULL ORDER BY hash(" + f.key + ") LIMIT ?";
        List<EmbeddingMap.Point> points = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : colourParams) {
                ps.setObject(i++, p);
            }
            i = f.bind(ps, i);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object v = rs.getObject(6);
                    points.add(new EmbeddingMap.Point(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5),
                            v == null ? null : ((Number) v).doubleValue(), Boolean.TRUE.equals(rs.getObject(7)), rs.getString(8)));
                }
            }
        }
        points.sort(java.util.Comparator.comparingLong(EmbeddingMap.Point::id));
        return new EmbeddingMap(MetricColumns.scopeName(f.scope), total, colourMetric, points);
    }

    EmbeddingMap map(ItemFilter filter, String colourMetric, int limit, List<IssueRule> rules) {
        FilterSql f = filters.compile(filter, rules);
        String prefix = MetricColumns.scopeName(f.scope);
        Map<String, MetricInfo> catalogue = filters.numeric(f.scope);
        if (!catalogue.containsKey(prefix + ".embedding_map_x")) {
            throw LoupeException.badInput("this project has no " + prefix + " embedding map: run 'loupe embed PROJECT'");
        }
        // colour=tag:NAME: 1 for items with the tag, 0 for the others; else a metric's values
        boolean tag = colourMetric != null && colourMetric.startsWith("tag:");
        String column = colourMetric == null ? null : tag
                ? "(SELECT CASE WHEN count(*) > 0 THEN 1.0 ELSE 0.0 END FROM tags t WHERE t.item_type = ? AND t.item_id = " + f.key
                  + " AND t.name = ?)"
                : "m." + FilterSql.metricColumn(colourMetric, catalogue, f.scope);
        List<Object> colourParams = tag ? List.of(prefix, colourMetric.substring(4)) : List.of();
        try {
            return run(f, column, colourParams, colourMetric, limit);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }
}
