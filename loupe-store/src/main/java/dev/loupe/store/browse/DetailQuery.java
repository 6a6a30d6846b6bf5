package dev.loupe.store.browse;

import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.Condition;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything about one image (metrics, rule issues, annotations with theirs), and the image of an annotation. */
final class DetailQuery {
    private final Connection c;
    private final Filters filters;

    DetailQuery(Connection c) {
        this.c = c;
        this.filters = new Filters(c);
    }

    /** The image of an annotation, or null when there is no such annotation. */
    Long imageOf(long annotationId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT image_id FROM annotations WHERE id = ?")) {
            ps.setLong(1, annotationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** The stored path of an image (relative to the images folder), or null when there is no such image. */
    String imagePath(long imageId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT path FROM images WHERE id = ?")) {
            ps.setLong(1, imageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** Everything about one image, or null when there is no such image. */
    ItemDetail detail(long imageId, List<IssueRule> rules) {
        try {
            Object[] img;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, path, width, height, format, split, file_size, "
                    + "(SELECT max(id) FROM images WHERE id < ?), (SELECT min(id) FROM images WHERE id > ?) FROM images WHERE id = ?")) {
                ps.setLong(1, imageId);
                ps.setLong(2, imageId);
                ps.setLong(3, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    img = new Object[] {rs.getString(2), rs.getObject(3), rs.getObject(4), rs.getString(5), rs.getString(6),
                        rs.getLong(7), rs.getObject(8), rs.getObject(9)};
                }
            }
            Map<Long, Map<String, Object>> imageMetrics = metrics("SELECT * FROM image_metrics WHERE image_id = ?", imageId);
            Map<Long, Map<String, Object>> annMetrics = metrics("SELECT m.* FROM annotation_metrics m JOIN annotations a "
                    + "ON a.id = m.annotation_id WHERE a.image_id = ?", imageId);
            Map<String, List<ItemDetail.ItemIssue>> issues = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT item_type, item_id, kind, severity, message, location FROM issues "
                    + "WHERE (item_type = 'image' AND item_id = ?) OR (item_type = 'annotation' AND item_id IN "
                    + "(SELECT id FROM annotations WHERE image_id = ?)) ORDER BY id")) {
                ps.setLong(1, imageId);
                ps.setLong(2, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        issues.computeIfAbsent(rs.getString(1) + rs.getLong(2), k -> new ArrayList<>()).add(
                                new ItemDetail.ItemIssue(rs.getString(3), "import", rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            Map<String, List<String>> tags = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT item_type, item_id, name FROM tags "
                    + "WHERE (item_type = 'image' AND item_id = ?) OR (item_type = 'annotation' AND item_id IN "
                    + "(SELECT id FROM annotations WHERE image_id = ?)) ORDER BY name")) {
                ps.setLong(1, imageId);
                ps.setLong(2, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tags.computeIfAbsent(rs.getString(1) + rs.getLong(2), k -> new ArrayList<>()).add(rs.getString(3));
                    }
                }
            }
            List<ItemDetail.AnnotationDetail> annotations = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SHAPE_COLUMNS + ", k.name, a.iscrowd, a.confidence "
                    + "FROM annotations a LEFT JOIN categories k ON k.id = a.category_id WHERE a.image_id = ? ORDER BY a.id")) {
                ps.setLong(1, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Shape s = Rows.shape(rs);
                        Map<String, Object> m = annMetrics.getOrDefault(s.id(), Map.of());
                        List<ItemDetail.ItemIssue> is = new ArrayList<>(issues.getOrDefault("annotation" + s.id(), List.of()));
                        is.addAll(ruleIssues(Scope.ANNOTATION, m, rules));
                        annotations.add(new ItemDetail.AnnotationDetail(s.id(), rs.getString(12), s, rs.getBoolean(13),
                                Rows.toDouble(rs.getObject(14)), m, is, tags.getOrDefault("annotation" + s.id(), List.of())));
                    }
                }
            }
            Map<String, Object> m = imageMetrics.getOrDefault(imageId, Map.of());
            List<ItemDetail.ItemIssue> is = new ArrayList<>(issues.getOrDefault("image" + imageId, List.of()));
            is.addAll(ruleIssues(Scope.IMAGE, m, rules));
            return new ItemDetail(imageId, (String) img[0], Rows.toInteger(img[1]), Rows.toInteger(img[2]), (String) img[3], (String) img[4],
                    (Long) img[5], m, is, tags.getOrDefault("image" + imageId, List.of()), annotations, Rows.toLong(img[6]), Rows.toLong(img[7]));
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    private static List<ItemDetail.ItemIssue> ruleIssues(Scope scope, Map<String, Object> metrics, List<IssueRule> rules) {
        List<ItemDetail.ItemIssue> out = new ArrayList<>();
        for (IssueRule r : rules) {
            if (r.scope() != scope) {
                continue;
            }
            boolean all = true;
            for (Condition cd : r.conditions()) {
                Object v = metrics.get(cd.metricId());
                all &= v instanceof Double d && cd.op().test(d, cd.threshold());
            }
            if (all) {
                out.add(new ItemDetail.ItemIssue(r.id(), "rule", "warning", r.description(), r.expression()));
            }
        }
        return out;
    }

    /** Metric rows keyed by their first column (the item id); column names are the metric ids. */
    private Map<Long, Map<String, Object>> metrics(String sql, long param) throws SQLException {
        Map<Long, Map<String, Object>> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int i = 2; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Number n) {
                            row.put(md.getColumnName(i), n.doubleValue());
                        } else if (v != null) {
                            row.put(md.getColumnName(i), v.toString());
                        }
                    }
                    out.put(rs.getLong(1), row);
                }
            }
        }
        return out;
    }
}
