package dev.loupe.store.parquet;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.ModelQueries;
import dev.loupe.store.sql.StoreFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams what a filter selects, for export: the images and annotations (for a COCO file written
 * by the caller) or one CSV row per item with its keys and every metric (text that a spreadsheet
 * would run as a formula is defused).
 */
final class SelectionExport {
    private final Connection c;

    SelectionExport(Connection c) {
        this.c = c;
    }

    /**
     * Image filters give the selected images with all their annotations; annotation filters give
     * the selected annotations with their images. Both in id order, images first.
     */
    void forEach(FilterSql f, Consumer<ImageRecord> images, Consumer<Annotation> annotations) {
        String selected = "SELECT " + f.key + " FROM " + f.from + " WHERE " + f.where;
        boolean imageScope = f.scope == Scope.IMAGE;
        String imageIds = imageScope ? selected : "SELECT i.id FROM " + f.from + " WHERE " + f.where;
        try {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, path, width, height, format, split, file_size, source_id "
                    + "FROM images WHERE id IN (" + imageIds + ") ORDER BY id")) {
                f.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        images.accept(new ImageRecord(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                                (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(ModelQueries.ANNOTATION_SELECT + " WHERE "
                    + (imageScope ? "image_id" : "id") + " IN (" + selected + ") ORDER BY id")) {
                f.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        annotations.accept(ModelQueries.annotation(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** Writes a CSV (RFC 4180) of the selected items: keys, then one column per metric id. Returns the row count. */
    long csv(FilterSql f, Iterable<MetricInfo> metrics, Writer out) {
        return csv(f, null, metrics, out);
    }

    /**
     * Writes the rows of {@code rows} (restricted to the images {@code within} selects, when it is not
     * null and of another scope) to a CSV or Parquet file: the same keys and metric columns as
     * {@link #csv}; CSV through the defusing writer, Parquet by DuckDB's COPY. Returns the row count.
     */
    long toFile(FilterSql rows, FilterSql within, Iterable<MetricInfo> metrics, String format, Path file) {
        if (format.equals("csv")) {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                return csv(rows, within, metrics, w);
            } catch (IOException e) {
                throw LoupeException.badInput("cannot write " + file + ": " + e.getMessage());
            }
        }
        if (!format.equals("parquet")) {
            throw new IllegalArgumentException("format must be csv or parquet: " + format);
        }
        Query q = query(rows, within, metrics);
        try {
            try (PreparedStatement ps = c.prepareStatement("CREATE OR REPLACE TEMP TABLE loupe_export AS " + q.sql)) {
                bind(ps, q.params);
                ps.execute();
            }
            // COPY takes no parameter for its target: the path is quoted as a SQL string literal.
            String target = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
            long n;
            try (Statement s = c.createStatement()) {
                s.execute("COPY loupe_export TO " + target + " (FORMAT parquet)");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM loupe_export")) {
                    rs.next();
                    n = rs.getLong(1);
                }
                s.execute("DROP TABLE loupe_export");
            }
            return n;
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    private record Query(String sql, List<Object> params) {
    }

    private Query query(FilterSql f, FilterSql within, Iterable<MetricInfo> metrics) {
        StringBuilder cols = new StringBuilder();
        String scope = MetricColumns.scopeName(f.scope);
        for (MetricInfo m : metrics) {
            if (m.scope().equals(scope)) {
                cols.append(", m.").append(MetricColumns.column(m.id()));
            }
        }
        String keys = switch (f.scope) {
            case IMAGE -> "i.id AS image_id, i.path, i.split, i.width, i.height";
            case ANNOTATION -> "a.id AS annotation_id, a.image_id, i.path, i.split, k.name AS class, a.kind, a.x, a.y, a.w, a.h";
            case PREDICTION -> "p.id AS prediction_id, p.image_id, i.path, i.split, k.name AS class, p.score, "
                    + "CASE WHEN q.outcome IN ('tp', 'ignored') THEN q.outcome ELSE 'fp' END AS outcome, "
                    + "CASE WHEN q.outcome IN ('tp', 'ignored') THEN NULL ELSE q.outcome END AS fp_reason, "
                    + "q.annotation_id AS matched_annotation, q.iou, p.kind, p.x, p.y, p.w, p.h";
        };
        List<Object> params = new ArrayList<>(f.params);
        String where = f.where;
        if (within != null && within.scope != f.scope) {
            where = "(" + where + ") AND i.id IN (SELECT i.id FROM " + within.from + " WHERE " + within.where + ")";
            params.addAll(within.params);
        }
        return new Query("SELECT " + keys + cols + " FROM " + f.from + " WHERE " + where + " ORDER BY " + f.key, params);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private long csv(FilterSql f, FilterSql within, Iterable<MetricInfo> metrics, Writer out) {
        Query q = query(f, within, metrics);
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(q.sql)) {
            bind(ps, q.params);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                for (int i = 1; i <= n; i++) {
                    out.write((i > 1 ? "," : "") + cell(md.getColumnName(i)));
                }
                out.write("\r\n");
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        String text = v == null ? "" : v instanceof String t ? defuse(t) : v.toString();
                        out.write((i > 1 ? "," : "") + cell(text));
                    }
                    out.write("\r\n");
                    rows++;
                }
            }
            out.flush();
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * A text value (a path, split or class name from the dataset's files) that a spreadsheet would
     * run as a formula, because it starts with =, +, -, @, a tab or a carriage return, gets a
     * leading apostrophe (OWASP's advice against CSV injection). Numbers are never text here.
     */
    static String defuse(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    /** A CSV cell, quoted when it holds a comma, quote or line break. */
    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
