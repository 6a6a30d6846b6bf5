package dev.loupe.store.sql;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The DuckDB JDBC driver's lazy transactions, and the guard every appender-first write uses. */
class TransactionsTest {
    @TempDir
    Path tmp;

    @Test
    void anAppenderBeforeAnyStatementCommitsOnItsOwnUnlessTheTransactionIsOpened() throws Exception {
        try (DuckDBConnection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("t.duckdb")).unwrap(DuckDBConnection.class)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE x (i INTEGER)");
            }
            c.setAutoCommit(false);
            append(c, 1);
            c.rollback();
            // The driver's behaviour this guards against: if this starts failing, the driver opens
            // transactions eagerly and Transactions.open is no longer needed (but stays harmless).
            assertThat(count(c)).as("appender rows before any statement are auto-committed").isEqualTo(1);
            Transactions.open(c);
            append(c, 2);
            c.rollback();
            assertThat(count(c)).as("after Transactions.open the appender is part of the transaction").isEqualTo(1);
        }
    }

    private static void append(DuckDBConnection c, int v) throws Exception {
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "x")) {
            a.beginRow().append(v).endRow();
        }
    }

    private static long count(DuckDBConnection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM x")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
