package dev.loupe.store.labels;

import dev.loupe.store.labels.ProjectSummary.CategoryCount;
import dev.loupe.store.labels.ProjectSummary.IssueExample;
import dev.loupe.store.labels.ProjectSummary.IssueKindCount;
import dev.loupe.store.sql.Migrations;
import dev.loupe.store.sql.ModelQueries;
import dev.loupe.store.sql.StoreFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The aggregate queries behind {@link ProjectSummary}: all counting happens in DuckDB. */
final class SummaryQuery {
    private static final int EXAMPLES_PER_KIND = 3;
    private final Connection c;
    private final Path dir;

    SummaryQuery(Connection c, Path dir) {
        this.c = c;
        this.dir = dir;
    }

    ProjectSummary run() {
        try {
            long images = count("SELECT count(*) FROM images");
            long annotations;
            long withoutClass;
            long crowd;
            long difficult;
            // one scan for the four annotation counts
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), "
                    + "count(*) FILTER (WHERE category_id IS NULL), count(*) FILTER (WHERE iscrowd), "
                    + "count(*) FILTER (WHERE difficult) FROM annotations")) {
                rs.next();
                annotations = rs.getLong(1);
                withoutClass = rs.getLong(2);
                crowd = rs.getLong(3);
                difficult = rs.getLong(4);
            }
            return new ProjectSummary(dir.toString(), Migrations.current(c), ModelQueries.meta(c, "created_with"),
                    ModelQueries.meta(c, "format"), ModelQueries.meta(c, "images_root"), ModelQueries.meta(c, "labels"),
                    images, annotations, countMap("SELECT kind, count(*) FROM annotations GROUP BY kind ORDER BY kind"),
                    withoutClass, crowd, difficult, categories(),
                    countMap("SELECT coalesce(split, 'none') AS s, count(*) FROM images GROUP BY s ORDER BY s"),
                    issues());
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    private List<CategoryCount> categories() throws SQLException {
        String sql = "SELECT c.id, c.name, c.supercategory, count(a.id), count(DISTINCT a.image_id) "
                + "FROM categories c LEFT JOIN annotations a ON a.category_id = c.id "
                + "GROUP BY c.id, c.name, c.supercategory ORDER BY c.id";
        List<CategoryCount> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new CategoryCount(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    /** The issues of the dataset import (prediction imports record theirs under their own runs). */
    static final String DATASET_ISSUES = "run_id IN (SELECT id FROM runs WHERE kind = 'import')";

    private ProjectSummary.IssueSummary issues() throws SQLException {
        Map<String, List<IssueExample>> examples = new LinkedHashMap<>();
        String exampleSql = "SELECT kind, item_type, item_id, file, location, message FROM ("
                + "SELECT *, row_number() OVER (PARTITION BY kind ORDER BY id) AS rn FROM issues WHERE " + DATASET_ISSUES + ") "
                + "WHERE rn <= " + EXAMPLES_PER_KIND + " ORDER BY kind, rn";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(exampleSql)) {
            while (rs.next()) {
                examples.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new IssueExample(
                        rs.getString(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getString(6)));
            }
        }
        List<IssueKindCount> byKind = new ArrayList<>();
        long total = 0;
        String sql = "SELECT kind, any_value(severity), count(*) AS n FROM issues WHERE " + DATASET_ISSUES
                + " GROUP BY kind ORDER BY n DESC, kind";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long n = rs.getLong(3);
                total += n;
                byKind.add(new IssueKindCount(rs.getString(1), rs.getString(2), n,
                        examples.getOrDefault(rs.getString(1), List.of())));
            }
        }
        return new ProjectSummary.IssueSummary(total, byKind);
    }

    private long count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Long> countMap(String sql) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
