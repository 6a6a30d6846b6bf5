package dev.loupe.store.parquet;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.OutcomeFilter;
import dev.loupe.store.sql.Transactions;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The exports room: the project's tables to and from Parquet (a dump, a distributed run's
 * partitions), its images cut into id ranges, and the items a filter selects as COCO rows, CSV or
 * Parquet with every metric.
 */
public final class Exports {
    private final Connection c;
    private final Path project;

    public Exports(Connection c, Path project) {
        this.c = c;
        this.project = project;
    }

    /**
     * Writes every table of the project to Parquet, one folder per table under {@code dir}, which
     * must not exist or be empty. ProjectStore.attach reads it back; so do pandas, Polars and Spark.
     */
    public ParquetDump dump(Path dir) {
        long start = System.nanoTime();
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw LoupeException.badInput("dump folder " + dir + " is not empty; choose a new folder");
                    }
                }
            } else if (Files.exists(dir)) {
                throw LoupeException.badInput("dump folder " + dir + " is a file; choose a new folder");
            }
            Map<String, Long> rows = ParquetTables.export(c, dir, "part-0.parquet", ParquetTables.tables(c), null);
            return new ParquetDump(dir, rows, (System.nanoTime() - start) / 1e9);
        } catch (SQLException | IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot dump " + project + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes some tables to {@code dir/TABLE/fileName}, replacing an earlier file of that name (a
     * partition's share of a distributed run's output: a retried partition writes no duplicate rows).
     */
    public ParquetDump dumpTables(Path dir, String fileName, List<String> tables) {
        return dumpTables(dir, fileName, tables, null);
    }

    /**
     * As {@link #dumpTables(Path, String, List)}, only the rows of the images in {@code images} (of
     * tables with an image id; null writes every row): a distributed job's input cut by partition.
     */
    public ParquetDump dumpTables(Path dir, String fileName, List<String> tables, ImageRange images) {
        long start = System.nanoTime();
        if (!fileName.matches("[A-Za-z0-9_.-]+\\.parquet")) {
            throw new IllegalArgumentException("not a Parquet file name: " + fileName);
        }
        try {
            Map<String, Long> rows = ParquetTables.export(c, dir, fileName, tables, images);
            return new ParquetDump(dir, rows, (System.nanoTime() - start) / 1e9);
        } catch (SQLException | IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot write " + tables + " of " + project + " to " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds the rows of some tables of a dump folder to this project's tables, in one transaction
     * (a distributed run's partition outputs, gathered).
     */
    public ParquetDump load(Path dumpDir, List<String> tables) {
        long start = System.nanoTime();
        Map<String, Long> rows = inTransaction(() -> ParquetTables.load(c, dumpDir, tables, null),
                "cannot load " + dumpDir + " into " + project);
        return new ParquetDump(dumpDir, rows, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Writes {@code location} where the project's provenance names the local folder {@code local}:
     * in the project's settings (images folder, labels), the runs' parameters, the import issues'
     * files and messages and the metric failures' messages. A distributed job that copied its labels
     * or images from another file system (HDFS, S3) to a local folder records where they are.
     */
    public void replaceInProvenance(Path local, String location) {
        String from = local.toAbsolutePath().normalize().toString();
        String[] updates = {
            "UPDATE project_meta SET value = replace(value, ?, ?) WHERE value LIKE '%' || ? || '%'",
            "UPDATE runs SET parameters = replace(parameters, ?, ?) WHERE parameters LIKE '%' || ? || '%'",
            "UPDATE issues SET file = replace(file, ?, ?) WHERE file LIKE '%' || ? || '%'",
            "UPDATE issues SET message = replace(message, ?, ?) WHERE message LIKE '%' || ? || '%'",
            "UPDATE metric_failures SET message = replace(message, ?, ?) WHERE message LIKE '%' || ? || '%'"};
        inTransaction(() -> {
            for (String sql : updates) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, from);
                    ps.setString(2, location);
                    ps.setString(3, from);
                    ps.executeUpdate();
                }
            }
            return null;
        }, "cannot record " + location + " in " + project);
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs work in one transaction of the project's connection: committed, or rolled back and reported as {@code what}. */
    private <T> T inTransaction(SqlWork<T> work, String what) {
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, what + ": " + e.getMessage(), e);
        }
    }

    /** The project's images cut into at most {@code parts} id ranges of nearly equal counts, in id order. */
    public List<ImageRange> imageRanges(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1: " + parts);
        }
        List<ImageRange> ranges = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT min(id), max(id) FROM (SELECT id, ntile(?) OVER (ORDER BY id) "
                + "AS part FROM images) GROUP BY part ORDER BY part")) {
            ps.setInt(1, parts);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ranges.add(new ImageRange(rs.getLong(1), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot split the images of " + project + ": " + e.getMessage(), e);
        }
        return ranges;
    }

    /** Streams the images and annotations a filter selects (see {@link SelectionExport#forEach}). */
    public void forEachSelected(ItemFilter filter, List<IssueRule> rules, Consumer<ImageRecord> images,
                                Consumer<Annotation> annotations) {
        if (filter.scope() == Scope.PREDICTION) {
            throw LoupeException.badInput("COCO export selects images or annotations, not predictions; "
                    + "export predictions as CSV");
        }
        new SelectionExport(c).forEach(new Filters(c).compile(filter, rules), images, annotations);
    }

    /** Writes a CSV of the items a filter selects with every metric of its scope; returns the row count. */
    public long csv(ItemFilter filter, List<IssueRule> rules, Writer out) {
        Filters q = new Filters(c);
        return new SelectionExport(c).csv(q.compile(filter, rules), q.catalogue(), out);
    }

    /**
     * Writes one row per item of scope {@code rows} with every metric of that scope to a CSV or Parquet
     * file: the items {@code selection} selects when it is of that scope, else those on the images it
     * selects (for predictions: the predictions of {@code set} at grid threshold {@code tIndex}, with
     * their outcome, on those images). Returns the row count.
     */
    public long selection(ItemFilter selection, Scope rows, String set, int tIndex, List<IssueRule> rules,
                                String format, Path file) {
        Filters q = new Filters(c);
        FilterSql within = q.compile(selection, rules);
        ItemFilter rowFilter = rows == selection.scope() ? selection
                : rows == Scope.PREDICTION ? new ItemFilter(Scope.PREDICTION, List.of(), List.of(), List.of(), List.of(),
                        List.of(), new OutcomeFilter(set, tIndex, List.of()))
                : ItemFilter.all(rows);
        FilterSql rowSql = rows == selection.scope() ? within : q.compile(rowFilter, rules);
        return new SelectionExport(c).toFile(rowSql, within, q.catalogue(), format, file);
    }

}
