package dev.loupe.store.predictions;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Prediction;
import dev.loupe.store.sql.PredictionRows;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads prediction sets and their predictions back. */
final class PredictionQueries {
    private final Connection c;

    PredictionQueries(Connection c) {
        this.c = c;
    }

    List<PredictionSetInfo> sets() {
        List<PredictionSetInfo> out = new ArrayList<>();
        String sql = "SELECT s.id, s.name, s.kind, s.format, s.source_file, s.iou_type, s.created_at, "
                + "(SELECT count(*) FROM predictions p WHERE p.set_id = s.id), "
                + "(SELECT count(DISTINCT image_id) FROM predictions p WHERE p.set_id = s.id) "
                + "+ (SELECT count(DISTINCT image_id) FROM class_probabilities q WHERE q.set_id = s.id) "
                + "FROM prediction_sets s ORDER BY s.id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Timestamp t = rs.getTimestamp(7);
                out.add(new PredictionSetInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(8), rs.getLong(9), t == null ? null : t.toInstant()));
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

    /**
     * Detection sets imported with metrics (import parameter {@code metrics} not {@code off}) that
     * have images with predictions but no metric coverage, in id order.
     */
    List<PendingPredictionMetrics> pendingMetrics() {
        List<PendingPredictionMetrics> out = new ArrayList<>();
        String sql = "SELECT s.id, s.name, count(DISTINCT p.image_id), count(DISTINCT p.image_id) FILTER (WHERE NOT EXISTS "
                + "(SELECT 1 FROM prediction_metric_coverage v WHERE v.set_id = s.id AND v.image_id = p.image_id)) AS missing "
                + "FROM prediction_sets s JOIN predictions p ON p.set_id = s.id JOIN runs r ON r.id = s.run_id "
                + "WHERE s.kind = 'detection' AND r.parameters NOT LIKE '%\"metrics\":\"off\"%' "
                + "GROUP BY s.id, s.name HAVING missing > 0 ORDER BY s.id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new PendingPredictionMetrics(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

    /** The set of this name, or a clear error listing the sets there are. */
    PredictionSetInfo set(String name) {
        List<PredictionSetInfo> sets = sets();
        return sets.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new LoupeException(
                LoupeException.Reason.BAD_INPUT, "no prediction set named \"" + name + "\""
                + (sets.isEmpty() ? "; import one with 'loupe predictions import'"
                : "; the project has " + sets.stream().map(PredictionSetInfo::name).toList())));
    }

    void forEach(int setId, Consumer<Prediction> consumer) {
        try (PreparedStatement ps = c.prepareStatement(PredictionRows.PREDICTION_SELECT + " WHERE set_id = ? ORDER BY id")) {
            ps.setInt(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(PredictionRows.prediction(rs));
                }
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** The predictions of a set in part {@code part} of {@code parts} equal ranges of its ids, in id order. */
    void forEach(int setId, int part, int parts, Consumer<Prediction> consumer) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        long lo;
        long hi;
        try (PreparedStatement ps = c.prepareStatement("SELECT min(id), max(id) FROM predictions WHERE set_id = ?")) {
            ps.setInt(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getObject(1) == null) {
                    return;
                }
                long min = rs.getLong(1);
                long span = rs.getLong(2) - min + 1;
                lo = min + span * part / parts;
                hi = min + span * (part + 1) / parts - 1;
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        try (PreparedStatement ps = c.prepareStatement(PredictionRows.PREDICTION_SELECT_WITHOUT_SOURCE_IDS
                + " WHERE set_id = ? AND id BETWEEN ? AND ? ORDER BY id")) {
            ps.setInt(1, setId);
            ps.setLong(2, lo);
            ps.setLong(3, hi);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(PredictionRows.prediction(rs));
                }
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** The class probabilities of a classification set: image id to (class id to probability). */
    Map<Long, Map<Integer, Double>> probabilities(int setId) {
        Map<Long, Map<Integer, Double>> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT image_id, category_id, probability FROM class_probabilities "
                + "WHERE set_id = ? ORDER BY image_id, category_id")) {
            ps.setInt(1, setId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new java.util.TreeMap<>()).put(rs.getInt(2), rs.getDouble(3));
                }
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

}
