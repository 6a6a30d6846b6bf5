package dev.loupe.store.sql;

import dev.loupe.core.LoupeVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Records runs (imports, analyses...) with their provenance: tool version, parameters, times, status. */
public final class Runs {
    private Runs() {
    }

    public static long start(Connection c, String kind, Map<String, String> parameters) throws SQLException {
        Map<String, String> params = new TreeMap<>(parameters);
        long id;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM runs")) {
            rs.next();
            id = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, kind, tool_version, parameters, started_at, status) "
                + "VALUES (?, ?, ?, ?, ?, 'running')")) {
            ps.setLong(1, id);
            ps.setString(2, kind);
            ps.setString(3, LoupeVersion.get());
            ps.setString(4, JsonText.object(params));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        return id;
    }

    public static void finish(Connection c, long runId, String status, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET finished_at = ?, status = ?, message = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, status);
            ps.setString(3, message);
            ps.setLong(4, runId);
            ps.executeUpdate();
        }
    }

    /** Failures recorded by a run (metric_failures). */
    public static long failureCount(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM metric_failures WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
