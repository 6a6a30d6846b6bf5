package dev.loupe.store.browse;

import dev.loupe.store.filter.ClassifierFilter;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.filter.OutcomeFilter;
import dev.loupe.store.filter.OutcomeSql;
import dev.loupe.store.sql.GeometryText;
import dev.loupe.store.sql.IqrOutliers;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.StoreFailure;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.metrics.rules.Condition;
import dev.loupe.core.metrics.rules.IssueRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The read side of the web app: metric catalogue, filtered search, distributions under a filter,
 * item detail and issue kinds. All values are bound parameters; metric columns come from the
 * catalogue only (see {@link FilterSql}).
 */
final class BrowseQueries {
    /** The columns {@link #shape} reads, in order, from alias {@code a}. */
    static final String SHAPE_COLUMNS = "a.id, a.category_id, a.kind, a.x, a.y, a.w, a.h, a.polygon, a.rle, a.rle_height, a.rle_width";

    /** The sort key of predictions by confidence (predictions scope). */
    static final String SCORE = "prediction.score";
    /** The sort key that keeps the order of the filter's id list. */
    static final String IDS = "ids";

    private final Connection c;

    private final Filters filters;

    BrowseQueries(Connection c) {
        this.c = c;
        this.filters = new Filters(c);
    }

    EmbeddingMap embeddingMap(ItemFilter filter, String colourMetric, int limit, List<IssueRule> rules) {
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
            return new EmbeddingMapQuery(c).run(f, column, colourParams, colourMetric, limit);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

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
        // sort=ids: the order of the filter's id list (a similarity ranking the caller made), by parameters
        boolean byIds = IDS.equals(r.sortMetric());
        if (byIds && r.filter().ids().isEmpty()) {
            throw LoupeException.badInput("sort=ids keeps the order of the ids parameter, which is missing");
        }
        String sortCol = r.sortMetric() == null || byIds ? null
                : f.scope == Scope.PREDICTION && r.sortMetric().equals(SCORE) ? "p.score"
                : "m." + FilterSql.metricColumn(r.sortMetric(), filters.numeric(f.scope), f.scope);
        boolean images = f.scope == Scope.IMAGE;
        try {
            long total = count(f);
            String tieBreak = sortCol == null ? null : tieBreak(r.sortMetric(), f.scope);
            String order = byIds ? "list_position([" + String.join(", ", java.util.Collections.nCopies(r.filter().ids().size(), "?"))
                    + "], " + f.key + ")" + (r.descending() ? " DESC" : "")
                    : (sortCol == null ? "" : sortCol + (r.descending() ? " DESC" : " ASC") + " NULLS LAST, ")
                    + (tieBreak == null ? "" : tieBreak + (r.descending() ? " DESC" : " ASC") + " NULLS LAST, ")
                    + f.key + (r.descending() && sortCol == null ? " DESC" : "");
            String sql = "SELECT " + f.key + ", i.id, i.path, i.width, i.height, i.split, "
                    + (images ? "NULL" : "k.name") + ", " + (sortCol == null ? "NULL" : sortCol)
                    + " FROM " + f.from + " WHERE " + f.where + " ORDER BY " + order + " LIMIT ? OFFSET ?";
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
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
                        rows.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4), rs.getObject(5),
                            rs.getString(6), rs.getString(7), rs.getObject(8)});
                    }
                }
            }
            return new SearchPage(total, r.offset(), withShapes(rows, r.filter().outcome(), r.filter().classifier()));
        } catch (SQLException e) {
            throw failure(e);
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
            String sel = "SELECT " + SHAPE_COLUMNS + ", a.image_id FROM annotations a WHERE a.image_id IN "
                    + FilterSql.placeholders(imageIds.size()) + " ORDER BY a.id";
            try (PreparedStatement ps = c.prepareStatement(sel)) {
                for (int i = 0; i < imageIds.size(); i++) {
                    ps.setLong(i + 1, imageIds.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shapes.computeIfAbsent(rs.getLong(12), k -> new ArrayList<>()).add(shape(rs));
                    }
                }
            }
        }
        // With an outcome filter, also the set's predictions on each image and its missed ground truths.
        int setId = o == null ? 0 : filters.detectionSet(o.set());
        Map<Long, List<PredictionShape>> predictions = o == null ? Map.of() : predictionsOn(imageIds, setId, o.tIndex());
        Map<Long, List<Long>> missed = o == null ? Map.of() : missedOn(imageIds, setId, o.tIndex());
        Map<Long, SearchPage.Top1> top1 = cf == null ? Map.of() : top1On(imageIds, filters.classificationSet(cf.set()));
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (Object[] row : rows) {
            hits.add(new SearchPage.Hit((Long) row[0], (Long) row[1], (String) row[2], toInteger(row[3]), toInteger(row[4]),
                    (String) row[5], (String) row[6], toDouble(row[7]), shapes.getOrDefault((Long) row[1], List.of()),
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
            throw failure(e);
        }
    }

    /** The top-1 class and its probability of each image in classification set {@code setId} (images it scored). */
    Map<Long, SearchPage.Top1> top1On(List<Long> imageIds, int setId) throws SQLException {
        Map<Long, SearchPage.Top1> out = new java.util.HashMap<>();
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
                    out.put(rs.getLong(1), new SearchPage.Top1(rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        return out;
    }

    /** The columns {@link #shape} reads, in order, from prediction alias {@code p}. */
    private static final String PREDICTION_SHAPE_COLUMNS = SHAPE_COLUMNS.replace("a.", "p.");

    /** Every prediction of set {@code setId} on the images, with its outcome at threshold index {@code tIndex}, by image. */
    Map<Long, List<PredictionShape>> predictionsOn(List<Long> imageIds, int setId, int tIndex) throws SQLException {
        Map<Long, List<PredictionShape>> out = new TreeMap<>();
        if (imageIds.isEmpty()) {
            return out;
        }
        String sql = "SELECT " + PREDICTION_SHAPE_COLUMNS + ", p.image_id, k.name, p.score, q.outcome, q.annotation_id, q.iou FROM ("
                + OutcomeSql.PREDICTION_OUTCOMES + ") q JOIN predictions p ON p.id = q.id LEFT JOIN categories k ON k.id = p.category_id "
                + "WHERE p.image_id IN " + FilterSql.placeholders(imageIds.size()) + " ORDER BY p.score DESC, p.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = OutcomeSql.bindOutcome(ps, 1, setId, tIndex);
            for (Long id : imageIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Shape shape = shape(rs);
                    out.computeIfAbsent(rs.getLong(12), k -> new ArrayList<>()).add(new PredictionShape(shape.id(), rs.getString(13),
                            rs.getDouble(14), rs.getString(15), toLong(rs.getObject(16)), toDouble(rs.getObject(17)), shape));
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
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + f.from + " WHERE " + f.where)) {
            f.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
                    min = toDouble(rs.getObject(3));
                    q1 = toDouble(rs.getObject(4));
                    median = toDouble(rs.getObject(5));
                    q3 = toDouble(rs.getObject(6));
                    max = toDouble(rs.getObject(7));
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
            throw failure(e);
        }
    }

    /** Rule kinds (with counts) and import issue kinds of a scope. */
    List<IssueKindInfo> issueKinds(Scope scope, List<IssueRule> rules) {
        List<IssueKindInfo> out = new ArrayList<>();
        String name = MetricColumns.scopeName(scope);
        Map<String, MetricInfo> numeric = filters.numeric(scope);
        try {
            List<IssueRule> applicable = rules.stream().filter(r -> r.scope() == scope
                    && r.conditions().stream().allMatch(cd -> numeric.containsKey(cd.metricId()))).toList();
            long[] counts = ruleCounts(scope, applicable, rules, numeric);
            for (int i = 0; i < applicable.size(); i++) {
                IssueRule r = applicable.get(i);
                out.add(new IssueKindInfo(r.id(), "rule", name, counts[i], r.description() + " (" + r.expression() + ")"));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, count(DISTINCT item_id), any_value(severity) FROM issues "
                    + "WHERE item_type = ? AND item_id IS NOT NULL GROUP BY kind ORDER BY kind")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new IssueKindInfo(rs.getString(1), "import", name, rs.getLong(2), rs.getString(3) + " found by the import"));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /**
     * The number of items each rule flags, in one scan of the scope's table: a count with a FILTER
     * clause per rule, each clause the WHERE that filtering by that issue kind alone would use (so
     * the counts equal the Explorer's totals). The summary called one filter and count per rule.
     */
    private long[] ruleCounts(Scope scope, List<IssueRule> applicable, List<IssueRule> rules, Map<String, MetricInfo> numeric)
            throws SQLException {
        if (applicable.isEmpty()) {
            return new long[0];
        }
        Map<String, MetricInfo> imageCatalogue = scope == Scope.IMAGE ? Map.of() : filters.numeric(Scope.IMAGE);
        Set<String> importKinds = filters.importKinds(scope);
        Set<String> classes = filters.classNames();
        List<FilterSql> ruleFilters = new ArrayList<>();
        for (IssueRule r : applicable) {
            ItemFilter f = new ItemFilter(scope, List.of(), List.of(), List.of(), List.of(r.id()), List.of());
            ruleFilters.add(FilterSql.of(f, numeric, imageCatalogue, rules, importKinds, classes, Set.of(), null, null));
        }
        String from = ruleFilters.get(0).from;
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < ruleFilters.size(); i++) {
            if (!ruleFilters.get(i).from.equals(from)) {
                throw new IllegalStateException("rule filters of one scope read different tables: " + from + " / " + ruleFilters.get(i).from);
            }
            sql.append(i == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(ruleFilters.get(i).where).append(")");
        }
        sql.append(" FROM ").append(from);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int next = 1;
            for (FilterSql f : ruleFilters) {
                next = f.bind(ps, next);
            }
            long[] counts = new long[ruleFilters.size()];
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = rs.getLong(i + 1);
                }
            }
            return counts;
        }
    }

    /** The image of an annotation, or null when there is no such annotation. */
    Long imageOf(long annotationId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT image_id FROM annotations WHERE id = ?")) {
            ps.setLong(1, annotationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
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
            throw failure(e);
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
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SHAPE_COLUMNS + ", k.name, a.iscrowd, a.confidence "
                    + "FROM annotations a LEFT JOIN categories k ON k.id = a.category_id WHERE a.image_id = ? ORDER BY a.id")) {
                ps.setLong(1, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Shape s = shape(rs);
                        Map<String, Object> m = annMetrics.getOrDefault(s.id(), Map.of());
                        List<ItemDetail.ItemIssue> is = new ArrayList<>(issues.getOrDefault("annotation" + s.id(), List.of()));
                        is.addAll(ruleIssues(Scope.ANNOTATION, m, rules));
                        annotations.add(new ItemDetail.AnnotationDetail(s.id(), rs.getString(12), s, rs.getBoolean(13),
                                toDouble(rs.getObject(14)), m, is, tags.getOrDefault("annotation" + s.id(), List.of())));
                    }
                }
            }
            Map<String, Object> m = imageMetrics.getOrDefault(imageId, Map.of());
            List<ItemDetail.ItemIssue> is = new ArrayList<>(issues.getOrDefault("image" + imageId, List.of()));
            is.addAll(ruleIssues(Scope.IMAGE, m, rules));
            return new ItemDetail(imageId, (String) img[0], toInteger(img[1]), toInteger(img[2]), (String) img[3], (String) img[4],
                    (Long) img[5], m, is, tags.getOrDefault("image" + imageId, List.of()), annotations, toLong(img[6]), toLong(img[7]));
        } catch (SQLException e) {
            throw failure(e);
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

    /** Reads a {@link #SHAPE_COLUMNS} row. */
    static Shape shape(ResultSet rs) throws SQLException {
        String kind = rs.getString(3);
        double[] box = rs.getObject(4) == null ? null : new double[] {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)};
        List<double[]> rings = null;
        List<Boolean> holes = null;
        int[] counts = null;
        Integer mh = null;
        Integer mw = null;
        if ("polygon".equals(kind) && rs.getString(8) != null) {
            Polygon p = GeometryText.parsePolygon(rs.getString(8));
            rings = new ArrayList<>();
            holes = new ArrayList<>();
            for (Ring r : p.rings()) {
                rings.add(r.xy());
                holes.add(r.hole());
            }
        } else if ("mask".equals(kind) && rs.getString(9) != null) {
            mh = rs.getInt(10);
            mw = rs.getInt(11);
            counts = RleCodec.fromCocoString(rs.getString(9), mh, mw).counts();
        }
        return new Shape(rs.getLong(1), (Integer) rs.getObject(2), kind, box, rings, holes, counts, mh, mw);
    }

    static Double toDouble(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    static Integer toInteger(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    static Long toLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    static LoupeException failure(SQLException e) {
        return StoreFailure.reading(e);
    }
}
