package dev.loupe.store;

import dev.loupe.core.image.ImageFolder;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.runner.AnalysisStore;
import dev.loupe.core.metrics.runner.ImageResult;
import dev.loupe.core.metrics.runner.ImageWork;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The project side of a metric run. Values go to the wide metric tables through per-run staging
 * tables (appender, then one upsert per batch); each {@link #write} is one transaction that also
 * records which images are done for which metrics, so a killed run resumes without holes or
 * duplicates. Methods are synchronized: the runner reads and writes from two threads.
 */
final class MetricStore implements AnalysisStore {
    private final DuckDBConnection c;
    private final ImageFolder imageFolder;
    private final Map<String, Integer> setIds = new HashMap<>();
    private Map<Integer, String> classNames;
    private StagingTable imageStage;
    private StagingTable annotationStage;

    MetricStore(DuckDBConnection c, Path imagesRoot) {
        this.c = c;
        this.imageFolder = new ImageFolder(imagesRoot);
    }

    @Override
    public synchronized long begin(List<MetricDescriptor> metrics, Map<String, String> parameters) {
        try {
            c.setAutoCommit(false);
            Map<String, String> params = new LinkedHashMap<>(parameters);
            params.put("metrics", String.join(",", metrics.stream().map(MetricColumns::coverageKey).toList()));
            long runId = Runs.start(c, "analyze", params);
            for (MetricDescriptor d : metrics) {
                ensureColumn(c, d.scope(), d, runId);
            }
            dropStaging();
            imageStage = StagingTable.create(c, "_stage_image", Scope.IMAGE,
                    metrics.stream().filter(d -> d.scope() == Scope.IMAGE).toList());
            annotationStage = StagingTable.create(c, "_stage_annotation", Scope.ANNOTATION,
                    metrics.stream().filter(d -> d.scope() == Scope.ANNOTATION).toList());
            c.commit();
            return runId;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Creates the value column of a metric in the table of {@code scope} (the annotation metrics
     * also run on predictions, into the prediction table), or clears its values when the metric's
     * version changed, and records it in metric_columns.
     */
    static void ensureColumn(DuckDBConnection c, Scope scope, MetricDescriptor d, long runId) throws SQLException {
        String table = MetricColumns.table(scope);
        String version = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM metric_columns WHERE scope = ? AND metric_id = ?")) {
            ps.setString(1, scope.name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(2, d.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    version = rs.getString(1);
                }
            }
        }
        try (Statement s = c.createStatement()) {
            if (version == null) {
                s.execute("ALTER TABLE " + table + " ADD COLUMN " + MetricColumns.column(d.id()) + " " + MetricColumns.sqlType(d.kind()));
            } else if (!version.equals(d.version())) {
                // The definition changed: old values must not survive next to new ones.
                s.execute("UPDATE " + table + " SET " + MetricColumns.column(d.id()) + " = NULL");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_columns (scope, metric_id, column_name, version, run_id, kind, title, outliers) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, metric_id) DO UPDATE SET version = excluded.version, "
                + "run_id = excluded.run_id, kind = excluded.kind, title = excluded.title, outliers = excluded.outliers")) {
            ps.setString(1, scope.name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(2, d.id());
            ps.setString(3, d.id());
            ps.setString(4, d.version());
            ps.setLong(5, runId);
            ps.setString(6, MetricColumns.kindName(d.kind()));
            ps.setString(7, d.title());
            ps.setBoolean(8, d.outliers());
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized long imageCount() {
        return count("SELECT count(*) FROM images");
    }

    @Override
    public synchronized Chunk nextChunk(long afterImageId, int limit, List<Metric> metrics) {
        try {
            List<ImageRecord> images = new ArrayList<>(limit);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, path, width, height, format, split, file_size, source_id "
                    + "FROM images WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterImageId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        images.add(new ImageRecord(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                                (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8)));
                    }
                }
            }
            if (images.isEmpty()) {
                return new Chunk(List.of(), afterImageId, 0);
            }
            long first = images.get(0).id();
            long last = images.get(images.size() - 1).id();
            Map<Long, Set<String>> covered = coverage(first, last);
            Map<Long, List<Annotation>> annotations = ModelQueries.annotationsByImage(c, first, last);
            Map<Integer, String> names = classNames();
            List<ImageWork> work = new ArrayList<>();
            for (ImageRecord image : images) {
                Set<String> done = covered.getOrDefault(image.id(), Set.of());
                List<Metric> pending = metrics.stream()
                        .filter(m -> !done.contains(MetricColumns.coverageKey(m.descriptor()))).toList();
                if (!pending.isEmpty()) {
                    work.add(new ImageWork(image, imageFolder,
                            annotations.getOrDefault(image.id(), List.of()), names, pending));
                }
            }
            return new Chunk(work, last, images.size());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Map<Long, Set<String>> coverage(long first, long last) throws SQLException {
        Map<Long, Set<String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.image_id, s.metrics FROM metric_coverage c "
                + "JOIN metric_sets s ON s.id = c.set_id WHERE c.image_id BETWEEN ? AND ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).addAll(List.of(rs.getString(2).split(",")));
                }
            }
        }
        return out;
    }

    private Map<Integer, String> classNames() throws SQLException {
        if (classNames == null) {
            Map<Integer, String> names = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM categories")) {
                while (rs.next()) {
                    names.put(rs.getInt(1), rs.getString(2));
                }
            }
            classNames = Map.copyOf(names);
        }
        return classNames;
    }

    @Override
    public synchronized void write(long runId, List<ImageResult> results) {
        try {
            Transactions.open(c);
            try (DuckDBAppender coverage = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_coverage");
                 DuckDBAppender failures = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_failures")) {
                for (ImageResult r : results) {
                    imageStage.add(r.imageId(), r.imageValues(), r.hashValues());
                    for (ImageResult.AnnotationValues a : r.annotationValues()) {
                        annotationStage.add(a.annotationId(), a.values(), List.of());
                    }
                    coverage.beginRow().append(r.imageId()).append(metricSetId(c, setIds, r.attempted())).endRow();
                    for (ImageResult.Failure f : r.failures()) {
                        failures.beginRow().append(runId).append(f.metricId()).append(f.itemType()).append(f.itemId())
                                .append(f.message()).endRow();
                    }
                }
            }
            imageStage.merge();
            annotationStage.merge();
            c.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    /** The id of a metric set (coverage keys), created on first use; {@code cache} remembers them. */
    static int metricSetId(DuckDBConnection c, Map<String, Integer> cache, List<String> coverageKeys) throws SQLException {
        String key = String.join(",", new TreeSet<>(coverageKeys));
        Integer id = cache.get(key);
        if (id != null) {
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM metric_sets WHERE metrics = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getInt(1);
                }
            }
        }
        if (id == null) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM metric_sets")) {
                rs.next();
                id = rs.getInt(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_sets (id, metrics) VALUES (?, ?)")) {
                ps.setInt(1, id);
                ps.setString(2, key);
                ps.executeUpdate();
            }
        }
        cache.put(key, id);
        return id;
    }

    @Override
    public synchronized void forEachItem(Scope scope, List<String> inputs, BiConsumer<DatasetMetric.DatasetItem, Object[]> consumer) {
        StringBuilder sql = new StringBuilder();
        String cols = inputs.stream().map(id -> ", m." + MetricColumns.column(id)).reduce("", String::concat);
        if (scope == Scope.IMAGE) {
            sql.append("SELECT i.id, i.id, NULL").append(cols).append(" FROM images i LEFT JOIN image_metrics m ON m.image_id = i.id ORDER BY i.id");
        } else if (scope == Scope.ANNOTATION) {
            sql.append("SELECT a.id, a.image_id, a.category_id").append(cols)
                    .append(" FROM annotations a LEFT JOIN annotation_metrics m ON m.annotation_id = a.id ORDER BY a.id");
        } else {
            throw new IllegalArgumentException("dataset metrics over " + scope + " are not supported yet");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                Object[] values = new Object[inputs.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getObject(4 + i);
                }
                consumer.accept(new DatasetMetric.DatasetItem(rs.getLong(1), rs.getLong(2), (Integer) rs.getObject(3)), values);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void writeAll(long runId, MetricDescriptor metric, long[] itemIds, double[] values, int count) {
        String table = MetricColumns.table(metric.scope());
        String key = MetricColumns.key(metric.scope());
        String col = MetricColumns.column(metric.id());
        try (Statement s = c.createStatement()) {
            s.execute("UPDATE " + table + " SET " + col + " = NULL");
            s.execute("CREATE OR REPLACE TABLE _stage_dataset (item_id BIGINT, value DOUBLE)");
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "_stage_dataset")) {
                for (int i = 0; i < count; i++) {
                    a.beginRow().append(itemIds[i]);
                    if (Double.isNaN(values[i])) {
                        a.appendNull();
                    } else {
                        a.append(values[i]);
                    }
                    a.endRow();
                }
            }
            s.execute("INSERT INTO " + table + " (" + key + ", " + col + ") SELECT item_id, value FROM _stage_dataset "
                    + "ON CONFLICT (" + key + ") DO UPDATE SET " + col + " = excluded." + col);
            s.execute("DROP TABLE _stage_dataset");
            c.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    @Override
    public synchronized long failureCount(long runId) {
        try {
            return Runs.failureCount(c, runId);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void finish(long runId, String status, String message) {
        try {
            Transactions.rollbackQuietly(c);
            dropStaging();
            Runs.finish(c, runId, status, message);
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void dropStaging() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS _stage_image");
            s.execute("DROP TABLE IF EXISTS _stage_annotation");
            s.execute("DROP TABLE IF EXISTS _stage_dataset");
        }
    }

    private long count(String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static LoupeException failure(SQLException e) {
        return new LoupeException(LoupeException.Reason.STORE, "metric store: " + e.getMessage(), e);
    }
}
