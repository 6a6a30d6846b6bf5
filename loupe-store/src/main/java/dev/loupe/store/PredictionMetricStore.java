package dev.loupe.store;

import dev.loupe.core.image.ImageFolder;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.runner.AnalysisStore;
import dev.loupe.core.metrics.runner.ImageResult;
import dev.loupe.core.metrics.runner.ImageWork;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

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

/**
 * The store side of running the annotation metrics on the predictions of one set: each image with
 * predictions is work whose objects are the predictions (as annotations: id, class, shape, the
 * score as confidence); values go to the prediction metric table under the annotation metric's id;
 * each batch records its images as done for the set, so a killed run resumes. Only per-object
 * annotation metrics run on predictions (dataset metrics such as class frequency describe labels).
 */
final class PredictionMetricStore implements AnalysisStore {
    private static final String STAGE = "_stage_prediction";

    private final DuckDBConnection c;
    private final ImageFolder imageFolder;
    private final int setId;
    private final Map<String, Integer> metricSetIds = new HashMap<>();
    private Map<Integer, String> classNames;
    private StagingTable stage;

    PredictionMetricStore(DuckDBConnection c, Path imagesRoot, int setId) {
        this.c = c;
        this.imageFolder = new ImageFolder(imagesRoot);
        this.setId = setId;
    }

    @Override
    public synchronized long begin(List<MetricDescriptor> metrics, Map<String, String> parameters) {
        for (MetricDescriptor d : metrics) {
            if (d.scope() != Scope.ANNOTATION) {
                throw new IllegalArgumentException("only annotation metrics run on predictions, not " + d.id());
            }
        }
        try {
            c.setAutoCommit(false);
            Map<String, String> params = new LinkedHashMap<>(parameters);
            params.put("prediction_set", Integer.toString(setId));
            params.put("metrics", String.join(",", metrics.stream().map(MetricColumns::coverageKey).toList()));
            long runId = Runs.start(c, "prediction-metrics", params);
            for (MetricDescriptor d : metrics) {
                MetricStore.ensureColumn(c, Scope.PREDICTION, d, runId);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + STAGE);
            }
            stage = StagingTable.create(c, STAGE, Scope.PREDICTION, metrics);
            c.commit();
            return runId;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized long imageCount() {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT image_id) FROM predictions WHERE set_id = ?")) {
            ps.setInt(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Chunk nextChunk(long afterImageId, int limit, List<Metric> metrics) {
        try {
            List<ImageRecord> images = new ArrayList<>(limit);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, path, width, height, format, split, file_size, "
                    + "source_id FROM images WHERE id > ? AND id IN (SELECT image_id FROM predictions WHERE set_id = ?) "
                    + "ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterImageId);
                ps.setInt(2, setId);
                ps.setInt(3, limit);
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
            Map<Long, List<Prediction>> predictions = PredictionQueries.byImage(c, setId, first, last);
            List<ImageWork> work = new ArrayList<>();
            for (ImageRecord image : images) {
                Set<String> done = covered.getOrDefault(image.id(), Set.of());
                List<Metric> pending = metrics.stream()
                        .filter(m -> !done.contains(MetricColumns.coverageKey(m.descriptor()))).toList();
                if (!pending.isEmpty()) {
                    List<Annotation> objects = predictions.getOrDefault(image.id(), List.of()).stream()
                            .map(p -> new Annotation(p.id(), p.imageId(), p.categoryId(), p.geometry(), false, p.area(),
                                    null, p.score(), p.sourceId())).toList();
                    work.add(new ImageWork(image, imageFolder, objects, classNames(), pending));
                }
            }
            return new Chunk(work, last, images.size());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Map<Long, Set<String>> coverage(long first, long last) throws SQLException {
        Map<Long, Set<String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.image_id, s.metrics FROM prediction_metric_coverage c "
                + "JOIN metric_sets s ON s.id = c.metric_set_id WHERE c.set_id = ? AND c.image_id BETWEEN ? AND ?")) {
            ps.setInt(1, setId);
            ps.setLong(2, first);
            ps.setLong(3, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).addAll(List.of(rs.getString(2).split(",")));
                }
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

    @Override
    public synchronized void write(long runId, List<ImageResult> results) {
        try {
            Transactions.open(c);
            try (DuckDBAppender coverage = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "prediction_metric_coverage");
                 DuckDBAppender failures = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_failures")) {
                for (ImageResult r : results) {
                    for (ImageResult.AnnotationValues a : r.annotationValues()) {
                        stage.add(a.annotationId(), a.values(), List.of());
                    }
                    coverage.beginRow().append(setId).append(r.imageId())
                            .append(MetricStore.metricSetId(c, metricSetIds, r.attempted())).endRow();
                    for (ImageResult.Failure f : r.failures()) {
                        String type = f.itemType().equals("annotation") ? "prediction" : f.itemType();
                        failures.beginRow().append(runId).append(f.metricId()).append(type).append(f.itemId())
                                .append(f.message()).endRow();
                    }
                }
            }
            stage.merge();
            c.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    @Override
    public void forEachItem(Scope scope, List<String> inputs, BiConsumer<dev.loupe.api.DatasetMetric.DatasetItem, Object[]> consumer) {
        throw new UnsupportedOperationException("dataset metrics do not run on predictions");
    }

    @Override
    public void writeAll(long runId, MetricDescriptor metric, long[] itemIds, double[] values, int count) {
        throw new UnsupportedOperationException("dataset metrics do not run on predictions");
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
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + STAGE);
            }
            Runs.finish(c, runId, status, message);
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static LoupeException failure(SQLException e) {
        return new LoupeException(LoupeException.Reason.STORE, "prediction metric store: " + e.getMessage(), e);
    }
}
