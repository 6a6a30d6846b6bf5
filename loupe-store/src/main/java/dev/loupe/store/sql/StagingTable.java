package dev.loupe.store.sql;

import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.api.ValueKind;
import dev.loupe.core.metrics.runner.ImageResult;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A run's staging table for one scope: a batch's rows are appended in bulk, then merged into the
 * wide metric table with one upsert. A value missing from a row (NULL) never overwrites a stored
 * one, so images analysed for a subset of the run's metrics keep their other values.
 */
public final class StagingTable {
    private final DuckDBConnection c;
    private final String name;
    private final Scope scope;
    private final List<MetricDescriptor> metrics;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Object[]> rows = new ArrayList<>();

    private StagingTable(DuckDBConnection c, String name, Scope scope, List<MetricDescriptor> metrics) {
        this.c = c;
        this.name = name;
        this.scope = scope;
        this.metrics = List.copyOf(metrics);
        for (int i = 0; i < metrics.size(); i++) {
            index.put(metrics.get(i).id(), i);
        }
    }

    public static StagingTable create(DuckDBConnection c, String name, Scope scope, List<MetricDescriptor> metrics) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(name).append(" (item_id BIGINT");
        for (MetricDescriptor d : metrics) {
            sql.append(", ").append(MetricColumns.column(d.id())).append(' ').append(MetricColumns.sqlType(d.kind()));
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql.append(')').toString());
        }
        return new StagingTable(c, name, scope, metrics);
    }

    /** Adds one item's values (NaN and null are missing). */
    public void add(long itemId, List<ImageResult.Value> values, List<ImageResult.Hash> hashes) {
        if (metrics.isEmpty() || (values.isEmpty() && hashes.isEmpty())) {
            return;
        }
        Object[] row = new Object[metrics.size() + 1];
        row[0] = itemId;
        for (ImageResult.Value v : values) {
            Integer i = index.get(v.metricId());
            if (i != null && !Double.isNaN(v.value())) {
                row[i + 1] = v.value();
            }
        }
        for (ImageResult.Hash h : hashes) {
            Integer i = index.get(h.metricId());
            if (i != null) {
                row[i + 1] = h.value();
            }
        }
        rows.add(row);
    }

    /** Appends the buffered rows and upserts them into the metric table (inside the caller's transaction). */
    public void merge() throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, name)) {
            for (Object[] row : rows) {
                a.beginRow().append((long) (Long) row[0]);
                for (int i = 0; i < metrics.size(); i++) {
                    Object v = row[i + 1];
                    if (v == null) {
                        a.appendNull();
                    } else if (metrics.get(i).kind() == ValueKind.HASH) {
                        a.append((String) v);
                    } else {
                        a.append((double) (Double) v);
                    }
                }
                a.endRow();
            }
        }
        rows.clear();
        String table = MetricColumns.table(scope);
        String key = MetricColumns.key(scope);
        StringBuilder cols = new StringBuilder(key);
        StringBuilder updates = new StringBuilder();
        for (MetricDescriptor d : metrics) {
            String col = MetricColumns.column(d.id());
            cols.append(", ").append(col);
            updates.append(updates.length() == 0 ? "" : ", ").append(col).append(" = coalesce(excluded.").append(col)
                    .append(", ").append(table).append('.').append(col).append(')');
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table + " (" + cols + ") SELECT * FROM " + name
                    + " ON CONFLICT (" + key + ") DO UPDATE SET " + updates);
            s.execute("DELETE FROM " + name);
        }
    }
}
