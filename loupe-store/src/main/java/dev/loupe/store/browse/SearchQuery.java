package dev.loupe.store.browse;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.filter.ClassifierFilter;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.filter.OutcomeFilter;
import dev.loupe.store.filter.OutcomeSql;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One page of the items a filter selects, sorted, with the shapes, outcomes and top-1 classes of their images; counts. */
final class SearchQuery {
    private final Connection c;
    private final Filters filters;

    SearchQuery(Connection c) {
        this.c = c;
        this.filters = new Filters(c);
    }

    /** The sort key of predictions by confidence (predictions scope). */
    static final String SCORE = "prediction.score";
    /** The sort key that keeps the order of the filter's id list. */
    static final String IDS = "ids";

    /**
     * Metrics whose many ties a second stored metric orders: annotation.quality (exactly 0 or 1 for
     * most objects) by its margin, as {@code loupe embed} lists the lowest.
     */
    static final Map<String, String> TIE_BREAKS = Map.of("annotation.quality", "annotation.quality_margin");

    /** The column that orders ties of a sort metric, or null (none, or not computed in this project). */
    private String tieBreak(String sortMetric, Scope scope) {
        String t = TIE_BREAKS.get(sortMetric);
        if (t == null) {
            return null; // most sorts: no catalogue query on the search path
        }
        Map<String, MetricInfo> catalogue = filters.numeric(scope);
        return catalogue.containsKey(t) ? "m." + FilterSql.metricColumn(t, catalogue, scope) : null;
    }

    SearchPage search(SearchRequest r, List<IssueRule> rules) {
        FilterSql f = filters.compile(r.filter(), rules);
        // sort key IDS: the order of the filter's id list (a similarity ranking the caller made), by parameters
        boolean byIds = IDS.equals(r.sortMetric());
        if (byIds && r.filter().ids().isEmpty()) {
            throw LoupeException.badInput("sorting by the filter's id list needs ids, and the filter has none");
        }
        String sortCol = r.sortMetric() == null || byIds ? null
                : f.scope == Scope.PREDICTION && r.sortMetric().equals(SCORE) ? "p.score"
                : "m." + FilterSql.metricColumn(r.sortMetric(), filters.numeric(f.scope), f.scope);
        boolean images = f.scope == Scope.IMAGE;
        try {
            String tieBreak = sortCol == null ? null : tieBreak(r.sortMetric(), f.scope);
            // Each selected item as (item, image, class id, sort value, tie break): the images' paths and
            // sizes and the class names are read for the page's rows only, and the metric table is joined
            // only to sort or when the filter reads it.
            String select = f.key + " AS item, " + switch (f.scope) {
                case IMAGE -> "i.id AS image, NULL AS cat, ";
                case ANNOTATION -> "a.image_id AS image, a.category_id AS cat, ";
                case PREDICTION -> "p.image_id AS image, p.category_id AS cat, ";
            } + (sortCol == null ? "NULL" : sortCol) + " AS sv" + (tieBreak == null ? "" : ", " + tieBreak + " AS tb");
            String order = byIds ? "list_position([" + String.join(", ", java.util.Collections.nCopies(r.filter().ids().size(), "?"))
                    + "], item)" + (r.descending() ? " DESC" : "")
                    : (sortCol == null ? "" : "sv" + (r.descending() ? " DESC" : " ASC") + " NULLS LAST, ")
                    + (tieBreak == null ? "" : "tb" + (r.descending() ? " DESC" : " ASC") + " NULLS LAST, ")
                    + "item" + (r.descending() && sortCol == null ? " DESC" : "");
            String items = "SELECT " + select + " FROM " + f.from(sortCol != null && sortCol.startsWith("m.")) + " WHERE " + f.where;
            // A filter that selects: one pass keeps the selected items, counts them and pages them. No
            // filter: counting needs no join at all, and a materialised copy of every item would cost more.
            boolean filtered = !"TRUE".equals(f.where);
            String sql = filtered
                    ? "WITH v AS MATERIALIZED (" + items + ") SELECT (SELECT count(*) FROM v), item, image, cat, sv FROM v"
                    : "SELECT NULL, item, image, cat, sv FROM (" + items + ")";
            List<Object[]> rows = new ArrayList<>();
            Long total = null;
            try (PreparedStatement ps = c.prepareStatement(sql + " ORDER BY " + order + " LIMIT ? OFFSET ?")) {
                int i = f.bind(ps, 1);
                if (byIds) {
                    for (long id : r.filter().ids()) {
                        ps.setLong(i++, id);
                    }
                }
                ps.setInt(i++, r.limit());
                ps.setLong(i, r.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        total = filtered ? rs.getLong(1) : null;
                        Object categoryId = rs.getObject(4);
                        rows.add(new Object[] {rs.getLong(2), rs.getLong(3), null, null, null, null,
                            categoryId == null ? null : ((Number) categoryId).intValue(), rs.getObject(5)});
                    }
                }
            }
            if (total == null) {
                total = count(f);
            }
            withImagesAndNames(rows, images);
            return new SearchPage(total, r.offset(), withShapes(rows, r.filter().outcome(), r.filter().classifier()));
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** Fills the image's path, width, height and split of rows of (item id, image id, -, -, -, -, class id, sort value) and names the class. */
    private void withImagesAndNames(List<Object[]> rows, boolean images) throws SQLException {
        List<Long> imageIds = rows.stream().map(row -> (Long) row[1]).distinct().toList();
        Map<Long, Object[]> info = new java.util.HashMap<>();
        if (!imageIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, path, width, height, split FROM images WHERE id IN "
                    + FilterSql.placeholders(imageIds.size()))) {
                for (int i = 0; i < imageIds.size(); i++) {
                    ps.setLong(i + 1, imageIds.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        info.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getObject(3), rs.getObject(4), rs.getString(5)});
                    }
                }
            }
        }
        Map<Integer, String> names = images || rows.isEmpty() ? Map.of() : filters.classNamesById();
        for (Object[] row : rows) {
            Object[] image = info.get((Long) row[1]);
            System.arraycopy(image, 0, row, 2, 4);
            row[6] = row[6] == null ? null : names.get((Integer) row[6]);
        }
    }

    /**
     * Hits for rows of (item id, image id, path, width, height, split, class, sort value), each with
     * every annotation of its image, so that a thumbnail shows an object with its neighbours, and,
     * under an outcome filter, the set's predictions on the image and its missed ground truths.
     */
    private List<SearchPage.Hit> withShapes(List<Object[]> rows, OutcomeFilter o, ClassifierFilter cf) throws SQLException {
        Map<Long, List<Shape>> shapes = new TreeMap<>();
        List<Long> imageIds = rows.stream().map(row -> (Long) row[1]).distinct().toList();
        if (!imageIds.isEmpty()) {
            String sel = "SELECT " + Rows.SHAPE_COLUMNS + ", a.image_id FROM annotations a WHERE a.image_id IN "
                    + FilterSql.placeholders(imageIds.size()) + " ORDER BY a.id";
            try (PreparedStatement ps = c.prepareStatement(sel)) {
                for (int i = 0; i < imageIds.size(); i++) {
                    ps.setLong(i + 1, imageIds.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shapes.computeIfAbsent(rs.getLong(12), k -> new ArrayList<>()).add(Rows.shape(rs));
                    }
                }
            }
        }
        // With an outcome filter, also the set's predictions on each image and its missed ground truths.
        int setId = o == null ? 0 : filters.detectionSet(o.set());
        Map<Long, List<PredictionShape>> predictions = o == null ? Map.of() : predictionsOn(imageIds, setId, o.tIndex());
        Map<Long, List<Long>> missed = o == null ? Map.of() : missedOn(imageIds, setId, o.tIndex());
        Map<Long, SearchPage.ClassProbability> top1 = cf == null ? Map.of() : top1On(imageIds, filters.classificationSet(cf.set()));
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (Object[] row : rows) {
            hits.add(new SearchPage.Hit((Long) row[0], (Long) row[1], (String) row[2], Rows.toInteger(row[3]), Rows.toInteger(row[4]),
                    (String) row[5], (String) row[6], Rows.toDouble(row[7]), shapes.getOrDefault((Long) row[1], List.of()),
                    predictions.getOrDefault((Long) row[1], List.of()), missed.getOrDefault((Long) row[1], List.of()),
                    top1.get((Long) row[1])));
        }
        return hits;
    }

    /**
     * The hits of given items (images or annotations), in the order given, each carrying a value the
     * caller chose (e.g. a similarity) as its sort value; ids that do not exist are left out.
     */
    List<SearchPage.Hit> hits(Scope scope, List<Long> ids, List<Double> values) {
        if (ids.isEmpty()) {
            return List.of();
        }
        boolean images = scope == Scope.IMAGE;
        String sql = images
                ? "SELECT i.id, i.id, i.path, i.width, i.height, i.split, NULL FROM images i WHERE i.id IN " + FilterSql.placeholders(ids.size())
                : "SELECT a.id, i.id, i.path, i.width, i.height, i.split, k.name FROM annotations a JOIN images i ON i.id = a.image_id"
                        + " LEFT JOIN categories k ON k.id = a.category_id WHERE a.id IN " + FilterSql.placeholders(ids.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            Map<Long, Object[]> byId = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getLong(1), new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4), rs.getObject(5),
                        rs.getString(6), rs.getString(7), null});
                }
            }
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Object[] row = byId.get(ids.get(i));
                if (row != null) {
                    row = row.clone();
                    row[7] = values.get(i);
                    rows.add(row);
                }
            }
            return withShapes(rows, null, null);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** The top-1 class and its probability of each image in classification set {@code setId} (images it scored). */
    Map<Long, SearchPage.ClassProbability> top1On(List<Long> imageIds, int setId) throws SQLException {
        Map<Long, SearchPage.ClassProbability> out = new java.util.HashMap<>();
        if (imageIds.isEmpty()) {
            return out;
        }
        String sql = "SELECT image_id, name, probability FROM (SELECT cp.image_id, k.name, cp.probability, row_number() OVER "
                + "(PARTITION BY cp.image_id ORDER BY cp.probability DESC, cp.category_id) AS r FROM class_probabilities cp "
                + "JOIN categories k ON k.id = cp.category_id WHERE cp.set_id = ? AND cp.image_id IN "
                + FilterSql.placeholders(imageIds.size()) + ") WHERE r = 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, setId);
            for (int i = 0; i < imageIds.size(); i++) {
                ps.setLong(i + 2, imageIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new SearchPage.ClassProbability(rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        return out;
    }

    /** Every prediction of set {@code setId} on the images, with its outcome at threshold index {@code tIndex}, by image. */
    Map<Long, List<PredictionShape>> predictionsOn(List<Long> imageIds, int setId, int tIndex) throws SQLException {
        Map<Long, List<PredictionShape>> out = new TreeMap<>();
        if (imageIds.isEmpty()) {
            return out;
        }
        String sql = "SELECT " + Rows.PREDICTION_SHAPE_COLUMNS + ", p.image_id, k.name, p.score, q.outcome, q.annotation_id, q.iou FROM ("
                + OutcomeSql.PREDICTION_OUTCOMES + ") q JOIN predictions p ON p.id = q.id LEFT JOIN categories k ON k.id = p.category_id "
                + "WHERE p.image_id IN " + FilterSql.placeholders(imageIds.size()) + " ORDER BY p.score DESC, p.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = OutcomeSql.bindOutcome(ps, 1, setId, tIndex);
            for (Long id : imageIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Shape shape = Rows.shape(rs);
                    out.computeIfAbsent(rs.getLong(12), k -> new ArrayList<>()).add(new PredictionShape(shape.id(), rs.getString(13),
                            rs.getDouble(14), rs.getString(15), Rows.toLong(rs.getObject(16)), Rows.toDouble(rs.getObject(17)), shape));
                }
            }
        }
        return out;
    }

    /** The ground truths of the images that set {@code setId} missed at threshold index {@code tIndex} (FN), by image. */
    Map<Long, List<Long>> missedOn(List<Long> imageIds, int setId, int tIndex) throws SQLException {
        Map<Long, List<Long>> out = new TreeMap<>();
        if (imageIds.isEmpty()) {
            return out;
        }
        String sql = "SELECT id, image_id FROM (" + OutcomeSql.GROUND_TRUTH_OUTCOMES + ") WHERE NOT matched AND image_id IN "
                + FilterSql.placeholders(imageIds.size()) + " ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = OutcomeSql.bindGroundTruth(ps, 1, setId, tIndex);
            for (Long id : imageIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Ids of every item the filter selects, in id order (for tag-all and export). */
    long count(FilterSql f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + f.from(false) + " WHERE " + f.where)) {
            f.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
