package dev.loupe.store.parquet;

import dev.loupe.api.ValueKind;
import dev.loupe.core.LoupeException;
import dev.loupe.store.sql.MetricColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A project's tables as Parquet files, in the store's own schema: one folder per table under a dump
 * folder, holding one or more {@code .parquet} files whose rows together are the table (DuckDB's
 * {@code COPY} writes one; a distributed job writes one per partition, named by the partition, so
 * that a retried partition replaces its file instead of adding rows). The {@code schema_version}
 * folder says which migrations the tables follow; loading applies the later ones after the rows.
 *
 * <p>Table names come from DuckDB's catalogue and are quoted as identifiers; file paths are passed
 * as parameters to {@code read_parquet} and as escaped literals to {@code COPY}, which takes no parameters.
 */
public final class ParquetTables {
    static final String SCHEMA_VERSION = "schema_version";
    /** Metric sets are a dictionary (id, key): identical rows written by several partitions are one row. */
    private static final String METRIC_SETS = "metric_sets";
    private static final Set<String> WIDE = Set.of("image_metrics", "annotation_metrics", "prediction_metrics");

    private ParquetTables() {
    }

    /** The project's tables, in creation order (the run's staging tables excluded). */
    static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() "
                + "WHERE schema_name = 'main' AND NOT temporary AND database_name = current_database() ORDER BY table_oid")) {
            while (rs.next()) {
                if (!rs.getString(1).startsWith("_")) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * Writes each table to {@code dir/TABLE/FILE_NAME} (through a temporary file and a rename, so a
     * reader never sees half a file and a rewrite replaces it).
     *
     * @param images when not null, only the rows of these images (tables with an image id)
     * @return rows written per table
     */
    static Map<String, Long> export(Connection c, Path dir, String fileName, List<String> tables, ImageRange images)
            throws SQLException, IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            String select = "SELECT * FROM " + identifier(table) + (images == null ? "" : imageFilter(c, table, images));
            Path folder = dir.resolve(table);
            Files.createDirectories(folder);
            Path target = folder.resolve(fileName);
            Path partial = folder.resolve("." + fileName + ".partial");
            try (Statement s = c.createStatement()) {
                s.execute("COPY (" + select + ") TO " + literal(partial.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            rows.put(table, count(c, "SELECT count(*) FROM (" + select + ")"));
        }
        return rows;
    }

    /** The schema version of a dump folder (the highest row of its schema_version table). */
    public static int schemaVersion(Path dir) throws SQLException {
        List<Path> files = files(dir, SCHEMA_VERSION);
        if (files.isEmpty()) {
            throw LoupeException.badInput(dir + " is not a Loupe Parquet dump: it has no " + SCHEMA_VERSION
                    + "/ folder of .parquet files (write one with 'loupe dump' or 'loupe spark analyze')");
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) FROM read_parquet(?)")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", files.stream().map(Path::toString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Adds the rows of the dump's tables to the project's (same names, columns matched by name; a
     * column the dump lacks gets its default). Metric value columns are created first from the
     * dump's metric_columns. Tables missing from the dump are left as they are; a folder that names
     * no table of the project is refused.
     *
     * @param only   the tables to load, or null for every table of the dump
     * @param images when not null, only the rows of these images (tables with an image id)
     * @return rows added per table
     */
    public static Map<String, Long> load(Connection c, Path dir, List<String> only, ImageRange images) throws SQLException {
        List<String> known = tables(c);
        Set<String> present = folders(dir);
        for (String name : present) {
            if (!known.contains(name)) {
                throw LoupeException.badInput(dir.resolve(name) + ": the project has no table '" + name
                        + "' (known: " + String.join(", ", known) + ")");
            }
        }
        List<String> order = new ArrayList<>();
        if (present.contains("metric_columns") && (only == null || only.contains("metric_columns"))) {
            order.add("metric_columns");
        }
        for (String t : known) {
            if (present.contains(t) && !order.contains(t) && !t.equals(SCHEMA_VERSION) && (only == null || only.contains(t))) {
                order.add(t);
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : order) {
            List<Path> files = files(dir, table);
            if (files.isEmpty()) {
                rows.put(table, 0L);
                continue;
            }
            if (WIDE.contains(table)) {
                addMetricColumns(c, table, files);
            }
            String where = images == null ? "" : imageFilter(c, table, images);
            String select = (table.equals(METRIC_SETS) ? "SELECT DISTINCT *" : "SELECT *") + " FROM read_parquet(?)" + where;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + identifier(table) + " BY NAME " + select)) {
                ps.setArray(1, c.createArrayOf("VARCHAR", files.stream().map(Path::toString).toArray()));
                rows.put(table, (long) ps.executeUpdate());
            } catch (SQLException e) {
                throw new SQLException("cannot load " + dir.resolve(table) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** Adds to a wide metric table the value columns its Parquet files have and it lacks. */
    private static void addMetricColumns(Connection c, String table, List<Path> files) throws SQLException {
        Set<String> have = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' "
                + "AND database_name = current_database() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    have.add(rs.getString(1));
                }
            }
        }
        String scope = table.substring(0, table.indexOf('_'));
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM parquet_schema(?) WHERE num_children IS NULL")) {
            ps.setString(1, files.get(0).toString());
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            for (String column : columns) {
                if (!have.contains(column)) {
                    String kind = metricKind(c, scope, column);
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER TABLE " + identifier(table) + " ADD COLUMN " + MetricColumns.column(column) + " "
                                + MetricColumns.sqlType(ValueKind.valueOf(kind.toUpperCase(Locale.ROOT))));
                    }
                }
            }
        }
    }

    private static String metricKind(Connection c, String scope, String metricId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM metric_columns WHERE scope = ? AND metric_id = ?")) {
            ps.setString(1, scope);
            ps.setString(2, metricId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return rs.getString(1);
                }
            }
        }
        throw LoupeException.badInput("column '" + metricId + "' of the " + scope + " metric values is not described in "
                + "metric_columns (scope " + scope + ")");
    }

    private static String imageFilter(Connection c, String table, ImageRange images) throws SQLException {
        String column = table.equals("images") ? "id" : hasColumn(c, table, "image_id") ? "image_id" : null;
        return column == null ? "" : " WHERE " + column + " BETWEEN " + images.first() + " AND " + images.last();
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' "
                + "AND database_name = current_database() AND table_name = ? AND column_name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The table folders of a dump (hidden and underscore-prefixed entries are a writer's, not tables). */
    private static Set<String> folders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            Set<String> names = new TreeSet<>();
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_")).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw LoupeException.badInput("cannot list the Parquet dump " + dir + ": " + e.getMessage());
        }
    }

    /** The Parquet files of one table, sorted (none when the folder is missing). */
    static List<Path> files(Path dir, String table) {
        Path folder = dir.resolve(table);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw LoupeException.badInput("cannot list " + folder + ": " + e.getMessage());
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
