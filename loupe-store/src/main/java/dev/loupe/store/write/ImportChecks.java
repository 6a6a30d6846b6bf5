package dev.loupe.store.write;

import dev.loupe.core.model.IssueKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Checks that need the whole import and are cheap in SQL but would cost memory per annotation in
 * an importer: run inside the import's transaction, before it commits.
 */
public final class ImportChecks {
    private ImportChecks() {
    }

    /**
     * Records a {@code duplicate_id} issue on every annotation whose source id repeats one seen
     * earlier in the same file (both are kept: Loupe's own ids are unique). Returns how many.
     */
    public static long duplicateAnnotationIds(Connection c, long runId) throws SQLException {
        String sql = """
                INSERT INTO issues (id, run_id, kind, severity, item_type, item_id, file, location, message)
                SELECT (SELECT coalesce(max(id), 0) FROM issues) + row_number() OVER (ORDER BY a.id),
                       ?, ?, ?, 'annotation', a.id, NULL, NULL,
                       'annotation id ' || a.source_id || ' repeats the id of annotation ' || a.first_id
                         || ' (Loupe id); both are kept'
                FROM (SELECT id, source_id, min(id) OVER (PARTITION BY source_id) AS first_id
                      FROM annotations WHERE source_id IS NOT NULL) a
                WHERE a.id <> a.first_id
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            ps.setString(2, IssueKind.DUPLICATE_ID.id());
            ps.setString(3, IssueKind.DUPLICATE_ID.severity().name().toLowerCase(java.util.Locale.ROOT));
            return ps.executeUpdate();
        }
    }
}
