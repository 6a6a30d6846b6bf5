package dev.loupe.store.predictions;

import dev.loupe.core.outcome.OutcomeTable;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.store.filter.OutcomeSql;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.ModelQueries;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TP / FP / FN at any grid threshold as queries over the stored matches and overlaps: moving the
 * threshold re-runs a query, never the matching.
 */
final class OutcomeQueries {
    private final Connection c;

    OutcomeQueries(Connection c) {
        this.c = c;
    }

    /** The predictions of a set at a threshold with their metrics (see {@link OutcomeTable}). */
    OutcomeTable predictions(int setId, int tIndex) {
        List<String> own = numericMetrics("prediction");
        List<String> image = numericMetrics("image");
        StringBuilder sql = new StringBuilder("SELECT q.id, q.image_id, q.category_id, q.outcome = 'tp', "
                + "coalesce(q.iou, 0), q.score");
        own.forEach(id -> sql.append(", pm.").append(MetricColumns.column(id)));
        image.forEach(id -> sql.append(", im.").append(MetricColumns.column(id)));
        sql.append(" FROM (").append(OutcomeSql.PREDICTION_OUTCOMES).append(") q LEFT JOIN prediction_metrics pm ON pm.prediction_id = q.id "
                + "LEFT JOIN image_metrics im ON im.image_id = q.image_id WHERE q.outcome <> 'ignored' ORDER BY q.id");
        List<String> names = new ArrayList<>();
        names.add("prediction.score");
        names.addAll(own);
        names.addAll(image);
        return table("prediction", sql.toString(), names, ps -> OutcomeSql.bindOutcome(ps, 1, setId, tIndex));
    }

    /** The evaluated ground truths at a threshold with their metrics (see {@link OutcomeTable}). */
    OutcomeTable groundTruths(int setId, int tIndex) {
        List<String> own = numericMetrics("annotation");
        List<String> image = numericMetrics("image");
        StringBuilder sql = new StringBuilder("SELECT q.id, q.image_id, q.category_id, NOT q.matched, q.best_iou");
        own.forEach(id -> sql.append(", am.").append(MetricColumns.column(id)));
        image.forEach(id -> sql.append(", im.").append(MetricColumns.column(id)));
        sql.append(" FROM (").append(OutcomeSql.GROUND_TRUTH_OUTCOMES).append(") q LEFT JOIN annotation_metrics am ON am.annotation_id = q.id "
                + "LEFT JOIN image_metrics im ON im.image_id = q.image_id ORDER BY q.id");
        List<String> names = new ArrayList<>(own);
        names.addAll(image);
        return table("annotation", sql.toString(), names, ps -> OutcomeSql.bindGroundTruth(ps, 1, setId, tIndex));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private OutcomeTable table(String type, String sql, List<String> names, Binder binder) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            int n = 0;
            int cap = 1024;
            long[] ids = new long[cap];
            long[] images = new long[cap];
            int[] classes = new int[cap];
            boolean[] positive = new boolean[cap];
            double[] iou = new double[cap];
            double[][] values = new double[names.size()][cap];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == cap) {
                        cap *= 2;
                        ids = java.util.Arrays.copyOf(ids, cap);
                        images = java.util.Arrays.copyOf(images, cap);
                        classes = java.util.Arrays.copyOf(classes, cap);
                        positive = java.util.Arrays.copyOf(positive, cap);
                        iou = java.util.Arrays.copyOf(iou, cap);
                        for (int j = 0; j < values.length; j++) {
                            values[j] = java.util.Arrays.copyOf(values[j], cap);
                        }
                    }
                    ids[n] = rs.getLong(1);
                    images[n] = rs.getLong(2);
                    classes[n] = rs.getInt(3);
                    positive[n] = rs.getBoolean(4);
                    iou[n] = rs.getDouble(5);
                    for (int j = 0; j < values.length; j++) {
                        double v = rs.getDouble(6 + j);
                        values[j][n] = rs.wasNull() ? Double.NaN : v;
                    }
                    n++;
                }
            }
            Map<String, double[]> metrics = new TreeMap<>();
            for (int j = 0; j < values.length; j++) {
                metrics.put(names.get(j), java.util.Arrays.copyOf(values[j], n));
            }
            return new OutcomeTable(type, java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(images, n),
                    java.util.Arrays.copyOf(classes, n), java.util.Arrays.copyOf(positive, n),
                    java.util.Arrays.copyOf(iou, n), metrics);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** Quantity metric ids stored for a scope ("image", "annotation", "prediction"): numeric, not identifiers. */
    private List<String> numericMetrics(String scope) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT metric_id FROM metric_columns WHERE scope = ? "
                + "AND kind NOT IN ('hash', 'identifier', 'coordinate') ORDER BY metric_id")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

    OutcomeCounts counts(int setId, int tIndex) {
        try {
            Map<Integer, long[]> perClass = new TreeMap<>();
            Map<String, Long> reasons = new TreeMap<>();
            for (String r : OutcomeCounts.REASONS) {
                reasons.put(r, 0L);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT category_id, outcome, count(*) FROM ("
                    + OutcomeSql.PREDICTION_OUTCOMES + ") GROUP BY ALL")) {
                OutcomeSql.bindOutcome(ps, 1, setId, tIndex);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] k = perClass.computeIfAbsent(rs.getInt(1), x -> new long[4]);
                        String outcome = rs.getString(2);
                        long n = rs.getLong(3);
                        switch (outcome) {
                            case "tp" -> k[0] += n;
                            case "ignored" -> k[2] += n;
                            default -> {
                                k[1] += n;
                                reasons.merge(outcome, n, Long::sum);
                            }
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT category_id, count(*) FILTER (WHERE NOT matched) FROM ("
                    + OutcomeSql.GROUND_TRUTH_OUTCOMES + ") GROUP BY ALL")) {
                OutcomeSql.bindGroundTruth(ps, 1, setId, tIndex);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        perClass.computeIfAbsent(rs.getInt(1), x -> new long[4])[3] += rs.getLong(2);
                    }
                }
            }
            Map<Integer, String> names = new TreeMap<>();
            new ModelQueries(c).categories().forEach(cat -> names.put(cat.id(), cat.name()));
            List<OutcomeCounts.ClassCounts> rows = new ArrayList<>();
            long[] total = new long[4];
            for (Map.Entry<Integer, long[]> e : perClass.entrySet()) {
                long[] k = e.getValue();
                rows.add(new OutcomeCounts.ClassCounts(e.getKey(), names.get(e.getKey()), k[0], k[1], k[2], k[3]));
                for (int i = 0; i < 4; i++) {
                    total[i] += k[i];
                }
            }
            return new OutcomeCounts(Thresholds.value(tIndex), total[0], total[1], total[2], total[3], reasons, rows);
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }
}
