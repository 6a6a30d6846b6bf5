package dev.loupe.store.metrics;

import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.runner.ImageResult;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.sql.PredictionRows;
import dev.loupe.store.sql.StagingTable;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The store side of running the annotation metrics on the predictions of one set: each image with
 * predictions is work whose objects are the predictions (as annotations: id, class, shape, the
 * score as confidence); values go to the prediction metric table under the annotation metric's id;
 * each batch records its images as done for the set in prediction_metric_coverage, so a killed run
 * resumes. Only per-object annotation metrics run on predictions (dataset metrics such as class
 * frequency describe labels).
 */
final class PredictionMetricStore extends CoveredMetricStore {
    private static final String STAGE = "_stage_prediction";

    private final int setId;
    private StagingTable stage;

    PredictionMetricStore(DuckDBConnection c, Path imagesRoot, int setId) {
        super(c, imagesRoot, "prediction metric store");
        this.setId = setId;
    }

    @Override
    String runKind() {
        return "prediction-metrics";
    }

    @Override
    public synchronized long begin(List<MetricDescriptor> metrics, Map<String, String> parameters) {
        for (MetricDescriptor d : metrics) {
            if (d.scope() != Scope.ANNOTATION) {
                throw new IllegalArgumentException("only annotation metrics run on predictions, not " + d.id());
            }
        }
        return super.begin(metrics, parameters);
    }

    @Override
    void addParameters(Map<String, String> parameters) {
        parameters.put("prediction_set", Integer.toString(setId));
    }

    @Override
    void prepare(List<MetricDescriptor> metrics, long runId) throws SQLException {
        for (MetricDescriptor d : metrics) {
            ensureColumn(c, Scope.PREDICTION, d, runId);
        }
        dropStaging();
        stage = StagingTable.create(c, STAGE, Scope.PREDICTION, metrics);
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
    List<ImageRecord> imagesAfter(long afterImageId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + IMAGE_COLUMNS + " FROM images WHERE id > ? "
                + "AND id IN (SELECT image_id FROM predictions WHERE set_id = ?) ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterImageId);
            ps.setInt(2, setId);
            ps.setInt(3, limit);
            return images(ps, limit);
        }
    }

    @Override
    Map<Long, Set<String>> coverage(long first, long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.image_id, s.metrics FROM prediction_metric_coverage c "
                + "JOIN metric_sets s ON s.id = c.metric_set_id WHERE c.set_id = ? AND c.image_id BETWEEN ? AND ?")) {
            ps.setInt(1, setId);
            ps.setLong(2, first);
            ps.setLong(3, last);
            return coverageKeys(ps);
        }
    }

    @Override
    Map<Long, List<Annotation>> objects(long first, long last) throws SQLException {
        Map<Long, List<Annotation>> out = new HashMap<>();
        PredictionRows.byImage(c, setId, first, last).forEach((imageId, predictions) -> out.put(imageId,
                predictions.stream().map(p -> new Annotation(p.id(), p.imageId(), p.categoryId(), p.geometry(), false,
                        p.area(), null, p.score(), p.sourceId())).toList()));
        return out;
    }

    @Override
    String coverageTable() {
        return "prediction_metric_coverage";
    }

    @Override
    void appendCoverage(DuckDBAppender coverage, long imageId, int metricSetId) throws SQLException {
        coverage.beginRow().append(setId).append(imageId).append(metricSetId).endRow();
    }

    @Override
    void stage(ImageResult r) throws SQLException {
        for (ImageResult.AnnotationValues a : r.annotationValues()) {
            stage.add(a.annotationId(), a.values(), List.of());
        }
    }

    @Override
    void mergeStaged() throws SQLException {
        stage.merge();
    }

    @Override
    void dropStaging() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + STAGE);
        }
    }

    @Override
    String failureItemType(String itemType) {
        return itemType.equals("annotation") ? "prediction" : itemType;
    }
}
