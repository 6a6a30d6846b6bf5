package dev.loupe.store.metrics;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.metrics.runner.ImageResult;
import dev.loupe.core.metrics.runner.ImageWork;
import dev.loupe.core.metrics.runner.MetricRunStore;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.pipeline.WorkPage;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.ModelQueries;
import dev.loupe.store.sql.Runs;
import dev.loupe.store.sql.StoreFailure;
import dev.loupe.store.sql.Transactions;
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
import java.util.function.BiConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The one coverage store behind every metric run: pages of images with the metrics not yet
 * computed for each (read from a coverage table of image → metric set), and batches written in
 * one transaction each, values through staging tables plus the coverage rows that mark the images
 * done, so that a killed run resumes without holes or duplicates. Subclasses say which images a run
 * covers, where coverage and values go and what the objects of an image are: the labels
 * ({@link LabelMetricStore}) or the predictions of one set ({@link PredictionMetricStore}).
 * Methods are synchronized: the runner reads and writes from two threads.
 */
abstract class CoveredMetricStore implements MetricRunStore {
    final DuckDBConnection c;
    final ImageFolder imageFolder;
    private final String name;
    private final Map<String, Integer> metricSetIds = new HashMap<>();
    private Map<Integer, String> classNames;

    /** @param name what error messages call the store ("metric store") */
    CoveredMetricStore(DuckDBConnection c, Path imagesRoot, String name) {
        this.c = c;
        this.name = name;
        this.imageFolder = new ImageFolder(imagesRoot);
    }

    /** The run's kind in the runs table ("analyze"). */
    abstract String runKind();

    /** Adds the store's own parameters to the run's. */
    void addParameters(Map<String, String> parameters) {
    }

    /** Creates or clears the value columns of the metrics and (re)creates the staging tables, inside the run's first transaction. */
    abstract void prepare(List<MetricDescriptor> metrics, long runId) throws SQLException;

    /** Up to {@code limit} images of the run after {@code afterImageId}, in id order. */
    abstract List<ImageRecord> imagesAfter(long afterImageId, int limit) throws SQLException;

    /** The coverage keys done for each image with an id in [first, last]. */
    abstract Map<Long, Set<String>> coverage(long first, long last) throws SQLException;

    /** The objects the metrics of each image with an id in [first, last] run on. */
    abstract Map<Long, List<Annotation>> objects(long first, long last) throws SQLException;

    /** The coverage table written by {@link #write}. */
    abstract String coverageTable();

    /** Appends the coverage row that marks an image done for a metric set. */
    abstract void appendCoverage(DuckDBAppender coverage, long imageId, int metricSetId) throws SQLException;

    /** Stages the values of one image's result. */
    abstract void stage(ImageResult result) throws SQLException;

    /** Merges the staged values into the value tables (inside the batch's transaction). */
    abstract void mergeStaged() throws SQLException;

    /** Drops the staging tables. */
    abstract void dropStaging() throws SQLException;

    /** The item type a failure is recorded under. */
    String failureItemType(String itemType) {
        return itemType;
    }

    @Override
    public synchronized long begin(List<MetricDescriptor> metrics, Map<String, String> parameters) {
        try {
            c.setAutoCommit(false);
            Map<String, String> params = new LinkedHashMap<>(parameters);
            addParameters(params);
            params.put("metrics", String.join(",", metrics.stream().map(MetricColumns::coverageKey).toList()));
            long runId = Runs.start(c, runKind(), params);
            prepare(metrics, runId);
            c.commit();
            return runId;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized WorkPage<ImageWork> nextChunk(long afterImageId, int limit, List<Metric> metrics) {
        try {
            List<ImageRecord> images = imagesAfter(afterImageId, limit);
            if (images.isEmpty()) {
                return WorkPage.end(afterImageId);
            }
            long first = images.get(0).id();
            long last = images.get(images.size() - 1).id();
            Map<Long, Set<String>> covered = coverage(first, last);
            Map<ImageRecord, List<Metric>> pending = new LinkedHashMap<>();
            for (ImageRecord image : images) {
                Set<String> done = covered.getOrDefault(image.id(), Set.of());
                List<Metric> todo = metrics.stream()
                        .filter(m -> !done.contains(MetricColumns.coverageKey(m.descriptor()))).toList();
                if (!todo.isEmpty()) {
                    pending.put(image, todo);
                }
            }
            if (pending.isEmpty()) {
                // A chunk already done reads no objects: a re-run over 10^6 done images scanned 10^7 annotations.
                return new WorkPage<>(List.of(), last, images.size());
            }
            List<ImageRecord> pendingImages = List.copyOf(pending.keySet());
            Map<Long, List<Annotation>> objects = objects(pendingImages.get(0).id(),
                    pendingImages.get(pendingImages.size() - 1).id());
            List<ImageWork> work = new ArrayList<>();
            pending.forEach((image, metricsOfImage) -> work.add(
                    new ImageWork(image, imageFolder, objects.getOrDefault(image.id(), List.of()), classNames(), metricsOfImage)));
            return new WorkPage<>(work, last, images.size());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void write(long runId, List<ImageResult> results) {
        try {
            Transactions.open(c);
            try (DuckDBAppender coverage = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, coverageTable());
                 DuckDBAppender failures = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_failures")) {
                for (ImageResult r : results) {
                    stage(r);
                    appendCoverage(coverage, r.imageId(), MetricSets.id(c, metricSetIds, r.attempted()));
                    for (ImageResult.Failure f : r.failures()) {
                        failures.beginRow().append(runId).append(f.metricId()).append(failureItemType(f.itemType()))
                                .append(f.itemId()).append(f.message()).endRow();
                    }
                }
            }
            mergeStaged();
            c.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    @Override
    public void forEachItem(Scope scope, List<String> inputs, BiConsumer<DatasetMetric.DatasetItem, Object[]> consumer) {
        throw new UnsupportedOperationException("dataset metrics do not run in a " + runKind() + " run");
    }

    @Override
    public void writeAll(long runId, MetricDescriptor metric, long[] itemIds, double[] values, int count) {
        throw new UnsupportedOperationException("dataset metrics do not run in a " + runKind() + " run");
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

    /** Images in id order from a query whose columns are {@link #IMAGE_COLUMNS}, bound by the caller. */
    static List<ImageRecord> images(PreparedStatement ps, int limit) throws SQLException {
        List<ImageRecord> images = new ArrayList<>(limit);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                images.add(new ImageRecord(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                        (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8)));
            }
        }
        return images;
    }

    /** The columns {@link #images} reads, in its order. */
    static final String IMAGE_COLUMNS = "id, path, width, height, format, split, file_size, source_id";

    /** Coverage keys by image from a query whose columns are (image id, comma-separated keys), bound by the caller. */
    static Map<Long, Set<String>> coverageKeys(PreparedStatement ps) throws SQLException {
        Map<Long, Set<String>> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).addAll(List.of(rs.getString(2).split(",")));
            }
        }
        return out;
    }

    private Map<Integer, String> classNames() {
        if (classNames == null) {
            Map<Integer, String> names = new HashMap<>();
            new ModelQueries(c).categories().forEach(cat -> names.put(cat.id(), cat.name()));
            classNames = Map.copyOf(names);
        }
        return classNames;
    }

    LoupeException failure(SQLException e) {
        return StoreFailure.of(name, e, c);
    }
}
