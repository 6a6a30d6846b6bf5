package dev.loupe.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Numbered schema migrations (Flyway does not support DuckDB). Each migration is a SQL resource
 * applied once, in order, inside a transaction, and recorded in {@code schema_version}. Add a
 * migration by adding {@code VNNN__name.sql} and its name to {@link #MIGRATIONS}; never edit one
 * that has shipped.
 */
public final class Migrations {
    public static final List<String> MIGRATIONS = List.of("V001__initial_schema.sql", "V002__metric_runs.sql",
            "V003__predictions.sql", "V004__embeddings.sql", "V005__voc_difficult.sql",
            "V006__metric_catalogue_updates.sql", "V007__coordinates_and_outliers.sql");

    private Migrations() {
    }

    /** The schema version this build writes. */
    public static int latest() {
        return MIGRATIONS.size();
    }

    /** Applies the migrations the database lacks; returns the resulting version. */
    public static int apply(Connection c) throws SQLException {
        return apply(c, latest());
    }

    /** Applies the migrations the database lacks up to {@code upTo} (a dump's version, loaded before the later ones). */
    public static int apply(Connection c, int upTo) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                    + "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)");
        }
        int current = current(c);
        if (current > latest()) {
            throw new SQLException("the project has schema version " + current + " but this Loupe knows only up to "
                    + latest() + "; use a newer Loupe");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int v = current + 1; v <= Math.min(upTo, latest()); v++) {
                String name = MIGRATIONS.get(v - 1);
                try (Statement s = c.createStatement()) {
                    s.execute(resource(name));
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, name) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, name);
                    ps.executeUpdate();
                }
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return Math.max(current, Math.min(upTo, latest()));
    }

    public static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/dev/loupe/store/migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
