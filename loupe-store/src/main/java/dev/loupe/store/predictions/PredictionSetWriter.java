package dev.loupe.store.predictions;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.core.outcome.GroundTruthOverlap;
import dev.loupe.core.outcome.ImageOutcome;
import dev.loupe.core.outcome.Match;
import dev.loupe.core.outcome.OutcomeMatcher;
import dev.loupe.core.outcome.PredictionOverlap;
import dev.loupe.store.sql.Appenders;
import dev.loupe.store.sql.GeometryText;
import dev.loupe.store.sql.ModelQueries;
import dev.loupe.store.sql.PredictionRows;
import dev.loupe.store.sql.Runs;
import dev.loupe.store.sql.StoreFailure;
import dev.loupe.store.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Imports a named prediction set in one transaction: the old set of that name (its predictions,
 * probabilities, outcomes, metric values and issues) is removed, the new one streamed in with
 * appenders, and the per-item outcomes matched image by image. A failure or a kill at any point
 * leaves the project as before: the old set or none.
 */
final class PredictionSetWriter {
    private static final int IMAGE_CHUNK = 512;

    private final DuckDBConnection c;

    PredictionSetWriter(DuckDBConnection c) {
        this.c = c;
    }

    PredictionImportResult write(String name, String format, String source, Map<String, String> parameters,
                                 BiConsumer<Long, PredictionSink> reader, OutcomeMatcher matcher) {
        long start = System.nanoTime();
        boolean auto;
        try {
            auto = c.getAutoCommit();
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw failure(e);
        }
        try {
            Map<String, String> params = new TreeMap<>(parameters);
            params.put("name", name);
            params.put("format", format);
            params.put("source", source);
            long runId = Runs.start(c, "predictions-import", params);
            boolean replaced = deleteSet(name);
            int setId = (int) scalar("SELECT coalesce(max(id), 0) + 1 FROM prediction_sets");
            long firstId = scalar("SELECT coalesce(max(id), 0) + 1 FROM predictions");
            Sink sink = new Sink(setId, runId, scalar("SELECT coalesce(max(id), 0) FROM issues"));
            try (sink) {
                reader.accept(firstId, sink);
            }
            String kind = sink.probabilityImages() > 0 && sink.predictions == 0 ? PredictionSetInfo.CLASSIFICATION : PredictionSetInfo.DETECTION;
            if (sink.probabilityImages() > 0 && sink.predictions > 0) {
                throw LoupeException.badInput("a prediction set holds either scored shapes or class probabilities, "
                        + "not both");
            }
            String iouType = kind.equals(PredictionSetInfo.DETECTION) ? matcher.iouType() : null;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO prediction_sets (id, name, format, source_file, "
                    + "run_id, kind, iou_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, setId);
                ps.setString(2, name);
                ps.setString(3, format);
                ps.setString(4, source);
                ps.setLong(5, runId);
                ps.setString(6, kind);
                ps.setString(7, iouType);
                ps.setTimestamp(8, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            if (kind.equals(PredictionSetInfo.DETECTION)) {
                new OutcomeWriter(setId, matcher).run();
            }
            Runs.finish(c, runId, "succeeded", sink.predictions + " predictions, " + sink.probabilityImages()
                    + " images with class probabilities, " + sink.issueTotal() + " issues");
            c.commit();
            return new PredictionImportResult(name, setId, kind, iouType, sink.predictions, sink.probabilityImages(),
                    replaced, sink.issueCounts, (System.nanoTime() - start) / 1e9);
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        } catch (RuntimeException | Error e) {
            Transactions.rollbackQuietly(c);
            throw e;
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // the connection is gone; the caller sees the first failure
            }
        }
    }

    /** Removes the set of this name and everything that hangs off it; true when there was one. */
    private boolean deleteSet(String name) throws SQLException {
        Integer id = null;
        long runId = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, run_id FROM prediction_sets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getInt(1);
                    runId = rs.getLong(2);
                }
            }
        }
        if (id == null) {
            return false;
        }
        execute("DELETE FROM prediction_metrics WHERE prediction_id IN (SELECT id FROM predictions WHERE set_id = ?)", id);
        for (String table : List.of("prediction_matches", "prediction_overlaps", "annotation_overlaps",
                "prediction_metric_coverage", "class_probabilities", "predictions")) {
            execute("DELETE FROM " + table + " WHERE set_id = ?", id);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM issues WHERE run_id = ?")) {
            ps.setLong(1, runId);
            ps.executeUpdate();
        }
        execute("DELETE FROM prediction_sets WHERE id = ?", id);
        return true;
    }

    private void execute(String sql, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Streams predictions, probabilities and issues into appenders. */
    private final class Sink implements PredictionSink, AutoCloseable {
        private final int setId;
        private final long runId;
        private final DuckDBAppender predictionRows;
        private final DuckDBAppender probabilityRows;
        private final DuckDBAppender issueRows;
        private final Map<String, Long> issueCounts = new TreeMap<>();
        private final java.util.Set<Long> probabilityImageIds = new java.util.HashSet<>();
        private long issueId;
        private long predictions;

        Sink(int setId, long runId, long lastIssueId) throws SQLException {
            this.setId = setId;
            this.runId = runId;
            this.issueId = lastIssueId;
            this.predictionRows = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "predictions");
            this.probabilityRows = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "class_probabilities");
            this.issueRows = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issues");
        }

        @Override
        public void prediction(Prediction p) {
            Geometry g = p.geometry();
            Box b = g.box();
            try {
                // Column order of V001 + V003: id, set_id, image_id, category_id, kind, x, y, w, h,
                // polygon, rle, rle_height, rle_width, score, source_id, area.
                predictionRows.beginRow().append(p.id()).append(setId).append(p.imageId()).append(p.categoryId())
                        .append(g.kind().name().toLowerCase(Locale.ROOT))
                        .append(b.x()).append(b.y()).append(b.w()).append(b.h());
                if (g instanceof Geometry.PolygonShape poly) {
                    predictionRows.append(GeometryText.polygon(poly.polygon()));
                } else {
                    predictionRows.appendNull();
                }
                if (g instanceof Geometry.MaskShape m) {
                    predictionRows.append(RleCodec.toCocoString(m.rle())).append(m.rle().height()).append(m.rle().width());
                } else {
                    predictionRows.appendNull().appendNull().appendNull();
                }
                predictionRows.append(p.score());
                Appenders.string(predictionRows, p.sourceId());
                Appenders.number(predictionRows, p.area());
                predictionRows.endRow();
                predictions++;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void probability(long imageId, int categoryId, double probability) {
            try {
                probabilityRows.beginRow().append(setId).append(imageId).append(categoryId).append(probability).endRow();
                probabilityImageIds.add(imageId);
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void issue(Issue issue) {
            try {
                Appenders.issue(issueRows, ++issueId, runId, issue);
                issueCounts.merge(issue.kind().id(), 1L, Long::sum);
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        long probabilityImages() {
            return probabilityImageIds.size();
        }

        long issueTotal() {
            return issueCounts.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() throws SQLException {
            predictionRows.close();
            probabilityRows.close();
            issueRows.close();
        }
    }

    /** Matches the set's predictions image by image, in chunks of images, and appends the outcomes. */
    private final class OutcomeWriter {
        private final int setId;
        private final OutcomeMatcher matcher;

        OutcomeWriter(int setId, OutcomeMatcher matcher) {
            this.setId = setId;
            this.matcher = matcher;
        }

        void run() throws SQLException {
            List<ImageRecord> images = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, path, width, height, format, split, file_size, "
                    + "source_id FROM images WHERE id IN (SELECT DISTINCT image_id FROM predictions WHERE set_id = ?) "
                    + "ORDER BY id")) {
                ps.setInt(1, setId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        images.add(new ImageRecord(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                                (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8)));
                    }
                }
            }
            try (DuckDBAppender matches = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "prediction_matches");
                 DuckDBAppender predictionOverlaps = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "prediction_overlaps");
                 DuckDBAppender gtOverlaps = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "annotation_overlaps")) {
                for (int from = 0; from < images.size(); from += IMAGE_CHUNK) {
                    List<ImageRecord> chunk = images.subList(from, Math.min(images.size(), from + IMAGE_CHUNK));
                    long first = chunk.get(0).id();
                    long last = chunk.get(chunk.size() - 1).id();
                    Map<Long, List<Annotation>> gts = ModelQueries.annotationsByImage(c, first, last);
                    Map<Long, List<Prediction>> preds = PredictionRows.byImage(c, setId, first, last);
                    for (ImageRecord image : chunk) {
                        ImageOutcome o;
                        try {
                            o = matcher.match(image, gts.getOrDefault(image.id(), List.of()),
                                    preds.getOrDefault(image.id(), List.of()));
                        } catch (RuntimeException e) {
                            throw new LoupeException(LoupeException.Reason.BAD_INPUT, "cannot match the predictions of "
                                    + image.path() + ": " + e.getMessage(), e);
                        }
                        for (Match m : o.matches()) {
                            matches.beginRow().append(setId).append((byte) m.tIndex()).append(m.predictionId())
                                    .append(m.annotationId()).append(m.iou()).append(m.crowd()).endRow();
                        }
                        for (PredictionOverlap p : o.predictions()) {
                            predictionOverlaps.beginRow().append(setId).append(p.predictionId()).append(p.sameClassIou());
                            Appenders.longValue(predictionOverlaps, p.sameClassAnnotation());
                            predictionOverlaps.append(p.otherClassIou());
                            Appenders.longValue(predictionOverlaps, p.otherClassAnnotation());
                            predictionOverlaps.endRow();
                        }
                        for (GroundTruthOverlap g : o.groundTruths()) {
                            gtOverlaps.beginRow().append(setId).append(g.annotationId()).append(g.bestIou());
                            Appenders.longValue(gtOverlaps, g.bestPrediction());
                            gtOverlaps.endRow();
                        }
                    }
                }
            }
        }
    }

    private LoupeException failure(SQLException e) {
        return StoreFailure.of("cannot write the prediction set", e, c);
    }
}
