package dev.loupe.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB's JDBC driver opens the transaction of a connection with auto-commit off lazily, at the
 * next statement; an appender flushed before any statement runs in auto-commit mode, so its rows
 * are committed at once and survive a rollback or a crash (seen as coverage rows without their
 * values after {@code kill -9}). Every unit of work that starts with an appender calls
 * {@link #open} first.
 */
public final class Transactions {
    private Transactions() {
    }

    /** Makes sure the connection's transaction is open (auto-commit must be off). */
    public static void open(Connection c) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("open a transaction with auto-commit off");
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    /** Rolls back, ignoring a failure (nothing to roll back, or the connection is gone): the caller reports the first failure. */
    public static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // see above
        }
    }
}
