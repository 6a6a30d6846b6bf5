package dev.loupe.store.sql;

import dev.loupe.core.LoupeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A failed store operation in the user's words. A disk that is full (or a quota used up) is named
 * as such with the database file it holds ("the disk holding /p/loupe.duckdb is full (No space
 * left on device); nothing of this batch was written"): DuckDB's own text ("Failed to commit:
 * Could not write file ...", or "no transaction is active" from a later statement) says neither.
 */
public final class StoreFailure {
    /** What the operating system says, as DuckDB passes it on, with the words Loupe uses for it. */
    private static final String[][] FULL = {
        {"no space left on device", "is full"},
        {"disk quota exceeded", "is over its quota"},
    };

    private StoreFailure() {
    }

    /**
     * The failure of a batch written through {@code c}: a full disk named with the database file,
     * anything else as {@code context: DuckDB's message}.
     */
    /** A failed read: "cannot read the project store: DuckDB's message". */
    public static LoupeException reading(SQLException e) {
        return new LoupeException(LoupeException.Reason.STORE, "cannot read the project store: " + e.getMessage(), e);
    }

    public static LoupeException of(String context, SQLException e, Connection c) {
        String full = diskFull(e, database(c), "nothing of this batch was written");
        if (full == null && e.getMessage() != null && e.getMessage().contains("read-only mode")) {
            return new LoupeException(LoupeException.Reason.READ_ONLY, "cannot write " + (database(c) == null ? "the project"
                    : database(c)) + ": it is open read-only (this user may not write it or its folder); nothing was written", e);
        }
        return new LoupeException(LoupeException.Reason.STORE, full != null ? full : context + ": " + e.getMessage(), e);
    }

    /**
     * "the disk holding FILE is full (No space left on device); TAIL" when the failure (or one of
     * its causes) is a full disk or an exceeded quota, else null.
     */
    public static String diskFull(Throwable e, Path file, String tail) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            String lower = message.toLowerCase(Locale.ROOT);
            for (String[] f : FULL) {
                int at = lower.indexOf(f[0]);
                if (at >= 0) {
                    String reason = message.substring(at, at + f[0].length());
                    return "the disk holding " + (file == null ? "the project" : file) + " " + f[1] + " ("
                            + Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + "); " + tail;
                }
            }
        }
        return null;
    }

    /** The database file of a DuckDB connection (from its URL), or null when it cannot be told. */
    public static Path database(Connection c) {
        try {
            String url = c.getMetaData().getURL();
            String prefix = "jdbc:duckdb:";
            if (url == null || !url.startsWith(prefix) || url.length() == prefix.length()) {
                return null;
            }
            String file = url.substring(prefix.length());
            int options = file.indexOf('?');
            return Path.of(options < 0 ? file : file.substring(0, options));
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }
}
