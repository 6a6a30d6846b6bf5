package dev.loupe.store.metrics;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The queries behind {@link AnalysisSummary}. */
final class AnalysisQuery {
    private final Connection c;

    AnalysisQuery(Connection c) {
        this.c = c;
    }

    AnalysisSummary run() {
        try {
            AnalysisSummary.Run last = null;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, tool_version, status, "
                    + "CAST(started_at AS VARCHAR), CAST(finished_at AS VARCHAR), message FROM runs WHERE kind = 'analyze' "
                    + "ORDER BY id DESC LIMIT 1")) {
                if (rs.next()) {
                    last = new AnalysisSummary.Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6));
                }
            }
            MetricQueries q = new MetricQueries(c);
            long analysed;
            long failures;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT (SELECT count(DISTINCT image_id) FROM metric_coverage), (SELECT count(*) FROM metric_failures)")) {
                rs.next();
                analysed = rs.getLong(1);
                failures = rs.getLong(2);
            }
            List<String> examples = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT metric_id, item_type, item_id, message "
                    + "FROM metric_failures ORDER BY run_id DESC, item_id LIMIT 5")) {
                while (rs.next()) {
                    examples.add(rs.getString(1) + " on " + rs.getString(2) + " " + rs.getLong(3) + ": " + rs.getString(4));
                }
            }
            return new AnalysisSummary(last, q.metricIds(Scope.IMAGE), q.metricIds(Scope.ANNOTATION), analysed, failures, examples);
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "analysis summary: " + e.getMessage(), e);
        }
    }
}
