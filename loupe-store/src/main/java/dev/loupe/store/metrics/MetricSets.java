package dev.loupe.store.metrics;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.duckdb.DuckDBConnection;

/**
 * The metric_sets table: each distinct set of coverage keys an image was analysed with gets one
 * small id, so that a coverage row is (image, set id) instead of a row per metric.
 */
final class MetricSets {
    private MetricSets() {
    }

    /** The id of a metric set (coverage keys), created on first use; {@code cache} remembers them. */
    static int id(DuckDBConnection c, Map<String, Integer> cache, List<String> coverageKeys) throws SQLException {
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
}
