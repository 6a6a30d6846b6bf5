package dev.loupe.store.metrics;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.runner.ImageResult;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.ModelQueries;
import dev.loupe.store.sql.StagingTable;
import dev.loupe.store.sql.Transactions;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The labels' side of a metric run ({@code analyze}): every image of the project, its annotations as
 * the objects, values into the wide image and annotation metric tables (one column per metric id),
 * coverage in metric_coverage; dataset metrics run over the stored values.
 */
final class LabelMetricStore extends CoveredMetricStore {
    private StagingTable imageStage;
    private StagingTable annotationStage;

    LabelMetricStore(DuckDBConnection c, Path imagesRoot) {
        super(c, imagesRoot, "metric store");
    }

    @Override
    String runKind() {
        return "analyze";
    }

    @Override
    void prepare(List<MetricDescriptor> metrics, long runId) throws SQLException {
        for (MetricDescriptor d : metrics) {
            ensureColumn(c, d.scope(), d, runId);
        }
        dropStaging();
        imageStage = StagingTable.create(c, "_stage_image", Scope.IMAGE,
                metrics.stream().filter(d -> d.scope() == Scope.IMAGE).toList());
        annotationStage = StagingTable.create(c, "_stage_annotation", Scope.ANNOTATION,
                metrics.stream().filter(d -> d.scope() == Scope.ANNOTATION).toList());
    }

    @Override
    public synchronized long imageCount() {
        return count("SELECT count(*) FROM images");
    }

    @Override
    List<ImageRecord> imagesAfter(long afterImageId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + IMAGE_COLUMNS + " FROM images WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterImageId);
            ps.setInt(2, limit);
            return images(ps, limit);
        }
    }

    @Override
    Map<Long, Set<String>> coverage(long first, long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.image_id, s.metrics FROM metric_coverage c "
                + "JOIN metric_sets s ON s.id = c.set_id WHERE c.image_id BETWEEN ? AND ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            return coverageKeys(ps);
        }
    }

    @Override
    Map<Long, List<Annotation>> objects(long first, long last) throws SQLException {
        return ModelQueries.annotationsByImage(c, first, last);
    }

    @Override
    String coverageTable() {
        return "metric_coverage";
    }

    @Override
    void appendCoverage(DuckDBAppender coverage, long imageId, int metricSetId) throws SQLException {
        coverage.beginRow().append(imageId).append(metricSetId).endRow();
    }

    @Override
    void stage(ImageResult r) throws SQLException {
        imageStage.add(r.imageId(), r.imageValues(), r.hashValues());
        for (ImageResult.AnnotationValues a : r.annotationValues()) {
            annotationStage.add(a.annotationId(), a.values(), List.of());
        }
    }

    @Override
    void mergeStaged() throws SQLException {
        imageStage.merge();
        annotationStage.merge();
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
            // An update joined to the staged values, then an insert of the items without a row. The
            // upsert this replaces (INSERT ... ON CONFLICT DO UPDATE) was about half of the dataset
            // phase at 10^6 images and 10^7 annotations (JFR: ~96 of 182 s).
            s.execute("UPDATE " + table + " SET " + col + " = d.value FROM _stage_dataset d WHERE " + table + "." + key + " = d.item_id");
            s.execute("INSERT INTO " + table + " (" + key + ", " + col + ") SELECT d.item_id, d.value FROM _stage_dataset d "
                    + "WHERE NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t." + key + " = d.item_id)");
            s.execute("DROP TABLE _stage_dataset");
            c.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    @Override
    void dropStaging() throws SQLException {
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
}
