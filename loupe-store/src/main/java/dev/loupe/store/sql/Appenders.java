package dev.loupe.store.sql;

import dev.loupe.core.model.Issue;
import java.sql.SQLException;
import java.util.Locale;
import org.duckdb.DuckDBAppender;

/** Appends of nullable values and of whole rows shared by the store's bulk writers. */
public final class Appenders {
    private Appenders() {
    }

    public static void string(DuckDBAppender a, String s) throws SQLException {
        if (s == null) {
            a.appendNull();
        } else {
            a.append(s);
        }
    }

    public static void integer(DuckDBAppender a, Integer v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v.intValue());
        }
    }

    public static void longValue(DuckDBAppender a, Long v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v.longValue());
        }
    }

    public static void number(DuckDBAppender a, Double v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v.doubleValue());
        }
    }

    /** One row of the issues table (V001 column order). */
    public static void issue(DuckDBAppender a, long id, long runId, Issue issue) throws SQLException {
        a.beginRow().append(id).append(runId).append(issue.kind().id())
                .append(issue.kind().severity().name().toLowerCase(Locale.ROOT)).append(issue.itemType());
        longValue(a, issue.itemId());
        string(a, issue.file());
        string(a, issue.location());
        a.append(issue.message()).endRow();
    }
}
