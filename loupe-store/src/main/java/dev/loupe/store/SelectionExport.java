package dev.loupe.store;

import dev.loupe.api.Scope;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
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
            throw BrowseQueries.failure(e);
        }
    }

    /** Writes a CSV (RFC 4180) of the selected items: keys, then one column per metric id. Returns the row count. */
    long csv(FilterSql f, Iterable<MetricInfo> metrics, Writer out) {
        StringBuilder cols = new StringBuilder();
        String scope = MetricQueries.scopeName(f.scope);
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
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + keys + cols + " FROM " + f.from + " WHERE " + f.where
                + " ORDER BY " + f.key)) {
            f.bind(ps, 1);
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
            throw BrowseQueries.failure(e);
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
