package dev.loupe.store;

import dev.loupe.core.outcome.OutcomeTable;
import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.EmbeddingStore;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.LoupeVersion;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.metrics.runner.MetricRunStore;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.IssueKind;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * A Loupe project: a folder holding one DuckDB database ({@value #DATABASE_FILE}) and, later,
 * caches. This class is the only door to it; every query is parameterised.
 *
 * <p>Creating a project is atomic: the import is written into a hidden sibling folder and renamed
 * to the project folder only when it succeeded, so an interrupted or failed import (even
 * {@code kill -9}) never leaves a half-written project behind.
 */
public final class ProjectStore implements AutoCloseable {
    public static final String DATABASE_FILE = "loupe.duckdb";

    private final Path dir;
    private final DuckDBConnection connection;
    private final boolean readOnly;

    private ProjectStore(Path dir, DuckDBConnection connection, boolean readOnly) {
        this.dir = dir;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    /**
     * Set to {@code true} ({@code -Dloupe.read-only=true}), commands that only read a project open it
     * read-only even where it could be written: no journal file, no schema upgrade.
     */
    public static final String READ_ONLY_PROPERTY = "loupe.read-only";

    /**
     * Opens an existing project for writing (applying any newer schema migrations).
     *
     * @throws LoupeException STORE naming the file when this user cannot write it or its folder
     */
    public static ProjectStore open(Path projectDir) {
        Path db = databaseOf(projectDir);
        if (!writable(projectDir, db)) {
            throw notWritable(db, null);
        }
        try {
            return open(projectDir, db, connect(db));
        } catch (SQLException e) {
            if (deniedWriting(e)) {
                throw notWritable(db, e);
            }
            throw new LoupeException(LoupeException.Reason.STORE, "cannot open " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing project for a command that only reads it: like {@link #open} where this user
     * can write the project's folder and database file, read-only (DuckDB's
     * {@code access_mode=READ_ONLY}) where they cannot, or when {@link #READ_ONLY_PROPERTY} asks for
     * it. A read-only store refuses writes with a message naming the file ({@link #readOnly}).
     */
    public static ProjectStore openForReading(Path projectDir) {
        Path db = databaseOf(projectDir);
        if (!Boolean.getBoolean(READ_ONLY_PROPERTY) && writable(projectDir, db)) {
            try {
                return open(projectDir, db, connect(db));
            } catch (SQLException e) {
                if (!deniedWriting(e)) {
                    throw new LoupeException(LoupeException.Reason.STORE, "cannot open " + db + ": " + e.getMessage(), e);
                }
                // A read-only file system or an ACL that the permission bits do not show: read it read-only.
            }
        }
        try {
            DuckDBConnection c = connect(db, true);
            try {
                refuseForeignDatabase(c, db);
                int version = Migrations.current(c);
                if (version < Migrations.latest()) {
                    throw new LoupeException(LoupeException.Reason.STORE, db + " has schema version " + version
                            + " and needs an upgrade to " + Migrations.latest() + " before this Loupe can read it, which "
                            + "writes the file; it is read-only here (open it once where it can be written)");
                }
            } catch (LoupeException | SQLException e) {
                c.close();
                throw e;
            }
            return new ProjectStore(projectDir, c, true);
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot open " + db + " read-only: " + e.getMessage(), e);
        }
    }

    private static ProjectStore open(Path projectDir, Path db, DuckDBConnection c) throws SQLException {
        try {
            refuseForeignDatabase(c, db);
            Migrations.apply(c);
        } catch (LoupeException | SQLException e) {
            c.close();
            throw e;
        }
        return new ProjectStore(projectDir, c, false);
    }

    private static Path databaseOf(Path projectDir) {
        Path db = projectDir.resolve(DATABASE_FILE);
        if (!Files.isRegularFile(db)) {
            throw new LoupeException(LoupeException.Reason.PROJECT_NOT_FOUND, projectDir + " is not a Loupe project (no "
                    + DATABASE_FILE + "); create one with 'loupe init'");
        }
        return db;
    }

    /** Whether this user may write the database file and its folder (DuckDB writes its journal, loupe.duckdb.wal, beside it). */
    private static boolean writable(Path projectDir, Path db) {
        return Files.isWritable(db) && Files.isWritable(projectDir.toAbsolutePath());
    }

    /** Whether DuckDB could not open the file for writing: permission denied, or a read-only file system. */
    private static boolean deniedWriting(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return m.contains("permission denied") || m.contains("read-only file system");
    }

    private static LoupeException notWritable(Path db, SQLException cause) {
        return new LoupeException(LoupeException.Reason.STORE, "cannot write " + db.toAbsolutePath() + ": this user may not "
                + "write it or its folder (Loupe's database and its journal, loupe.duckdb.wal, live there); this command "
                + "writes the project. Commands that only read it (info, eval, issues, similar, export, report, "
                + "metrics export, serve) open it read-only", cause);
    }

    /** Whether this store was opened read-only ({@link #openForReading} on a project this user cannot write). */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * A DuckDB file named loupe.duckdb that Loupe did not create (no {@code schema_version} and
     * {@code project_meta} tables) is refused before anything is written to it: the migrations
     * used to add Loupe's tables to it silently.
     */
    private static void refuseForeignDatabase(DuckDBConnection c, Path db) throws SQLException {
        List<String> tables = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.contains("schema_version") || !tables.contains("project_meta")) {
            throw new LoupeException(LoupeException.Reason.PROJECT_NOT_FOUND, db + " is not a Loupe project database (it "
                    + (tables.isEmpty() ? "has no tables" : "holds " + tables.size() + " other tables: "
                    + String.join(", ", tables.subList(0, Math.min(5, tables.size()))) + (tables.size() > 5 ? ", ..." : ""))
                    + "); it was left unchanged. Create a project with 'loupe init' in a new folder");
        }
    }

    /**
     * Creates a project by running an import into it.
     *
     * @param importer streams the dataset into the sink it is given
     * @throws LoupeException PROJECT_EXISTS when the folder exists; any failure of the importer
     *                        propagates after the partial folder is removed
     */
    public static ImportResult create(Path projectDir, ImportSource source, Consumer<DatasetSink> importer) {
        Path target = projectDir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new LoupeException(LoupeException.Reason.PROJECT_EXISTS, target + " already exists; choose a new "
                    + "project folder or delete it first");
        }
        long start = System.nanoTime();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(target.getParent());
            removeStalePartials(target);
            Files.createDirectories(partial);
            long images;
            long annotations;
            Map<String, Long> issues = new TreeMap<>();
            try (DuckDBConnection c = connect(partial.resolve(DATABASE_FILE))) {
                Migrations.apply(c);
                c.setAutoCommit(false);
                writeMeta(c, source);
                long runId = Runs.start(c, "import", source);
                try (ProjectWriter writer = new ProjectWriter(c, runId)) {
                    importer.accept(writer);
                    writer.close();
                    images = writer.imageCount();
                    annotations = writer.annotationCount();
                    writer.issueCounts().forEach((k, v) -> issues.put(k.id(), v));
                }
                long duplicates = ImportChecks.duplicateAnnotationIds(c, runId);
                if (duplicates > 0) {
                    issues.merge(IssueKind.DUPLICATE_ID.id(), duplicates, Long::sum);
                }
                Runs.finish(c, runId, "succeeded", images + " images, " + annotations + " annotations, "
                        + issues.values().stream().mapToLong(Long::longValue).sum() + " issues");
                c.commit();
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                }
            }
            moveIntoPlace(partial, target);
            return new ImportResult(target, images, annotations, issues, (System.nanoTime() - start) / 1e9);
        } catch (SQLException e) {
            deleteQuietly(partial);
            throw creationFailure(target, "write", e);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw creationFailure(target, "create", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(partial);
            if (e instanceof LoupeException le && le.reason() == LoupeException.Reason.STORE) {
                throw creationFailure(target, "write", le);
            }
            throw e;
        }
    }

    /**
     * Why a new project could not be written: a full disk named with the project folder (the
     * database's own words name a hidden partial folder, or say "no transaction is active"),
     * anything else as "cannot VERB project TARGET: ...".
     */
    private static LoupeException creationFailure(Path target, String verb, Exception e) {
        String full = StoreFailure.diskFull(e, target, "nothing was written: the project was not created");
        if (full != null) {
            return new LoupeException(LoupeException.Reason.STORE, full, e);
        }
        return e instanceof LoupeException le ? le
                : new LoupeException(LoupeException.Reason.STORE, "cannot " + verb + " project " + target + ": " + e.getMessage(), e);
    }

    /**
     * Creates a project from a Parquet dump ({@code loupe dump}, or a distributed run's output): the
     * dump's tables are loaded at its schema version, then this Loupe's later migrations run. The
     * load is recorded as an "attach" run. Atomic like {@link #create}.
     *
     * @param imagesRoot the folder image paths are relative to, when it moved since the dump; null keeps the dump's
     * @throws LoupeException PROJECT_EXISTS when the folder exists, BAD_INPUT when the dump is not one
     *                        or is newer than this Loupe
     */
    public static ParquetDump attach(Path projectDir, Path dumpDir, Path imagesRoot) {
        long start = System.nanoTime();
        Map<String, Long> rows = build(projectDir, c -> {
            Map<String, Long> loaded = load(c, dumpDir, null, null);
            Map<String, String> params = new TreeMap<>();
            params.put("dump", dumpDir.toAbsolutePath().normalize().toString());
            if (imagesRoot != null) {
                params.put("images", imagesRoot.toAbsolutePath().normalize().toString());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO project_meta (key, value) VALUES ('images_root', ?) "
                        + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                    ps.setString(1, imagesRoot.toAbsolutePath().normalize().toString());
                    ps.executeUpdate();
                }
            }
            long runId = Runs.start(c, "attach", params);
            Runs.finish(c, runId, "succeeded", loaded.values().stream().mapToLong(Long::longValue).sum() + " rows in "
                    + loaded.size() + " tables");
            return loaded;
        });
        return new ParquetDump(dumpDir, rows, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Creates and opens a project holding one slice of a dump: the given tables, and of those only
     * the rows of images in {@code images} (a partition of a distributed run works on it).
     */
    public static ProjectStore attachSlice(Path projectDir, Path dumpDir, List<String> tables, ImageRange images) {
        build(projectDir, c -> load(c, dumpDir, tables, images));
        return open(projectDir);
    }

    private static Map<String, Long> load(DuckDBConnection c, Path dumpDir, List<String> tables, ImageRange images)
            throws SQLException {
        if (!Files.isDirectory(dumpDir)) {
            throw LoupeException.badInput("Parquet dump folder not found: " + dumpDir);
        }
        int version = ParquetTables.schemaVersion(dumpDir);
        if (version > Migrations.latest()) {
            throw LoupeException.badInput(dumpDir + " has schema version " + version + " but this Loupe knows only up to "
                    + Migrations.latest() + "; use a newer Loupe");
        }
        Migrations.apply(c, version);
        c.setAutoCommit(false);
        Map<String, Long> rows = ParquetTables.load(c, dumpDir, tables, images);
        c.commit();
        c.setAutoCommit(true);
        Migrations.apply(c);
        c.setAutoCommit(false);
        return rows;
    }

    /** Work that fills a new project's database. */
    private interface Builder<T> {
        T fill(DuckDBConnection c) throws SQLException, IOException;
    }

    /** Builds a project in a hidden sibling folder and renames it into place when {@code builder} succeeded. */
    private static <T> T build(Path projectDir, Builder<T> builder) {
        Path target = projectDir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new LoupeException(LoupeException.Reason.PROJECT_EXISTS, target + " already exists; choose a new "
                    + "project folder or delete it first");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(target.getParent());
            removeStalePartials(target);
            Files.createDirectories(partial);
            T result;
            try (DuckDBConnection c = connect(partial.resolve(DATABASE_FILE))) {
                result = builder.fill(c);
                c.commit();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                }
            }
            moveIntoPlace(partial, target);
            return result;
        } catch (SQLException e) {
            deleteQuietly(partial);
            throw creationFailure(target, "write", e);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw creationFailure(target, "create", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(partial);
            if (e instanceof LoupeException le && le.reason() == LoupeException.Reason.STORE) {
                throw creationFailure(target, "write", le);
            }
            throw e;
        }
    }

    /**
     * Writes every table of the project to Parquet, one folder per table under {@code dir}, which
     * must not exist or be empty. {@link #attach} reads it back; so do pandas, Polars and Spark.
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
            Map<String, Long> rows = ParquetTables.export(connection, dir, "part-0.parquet", ParquetTables.tables(connection));
            return new ParquetDump(dir, rows, (System.nanoTime() - start) / 1e9);
        } catch (SQLException | IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot dump " + this.dir + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes some tables to {@code dir/TABLE/fileName}, replacing an earlier file of that name (a
     * partition's share of a distributed run's output: a retried partition writes no duplicate rows).
     */
    public ParquetDump dumpTables(Path dir, String fileName, List<String> tables) {
        long start = System.nanoTime();
        if (!fileName.matches("[A-Za-z0-9_.-]+\\.parquet")) {
            throw new IllegalArgumentException("not a Parquet file name: " + fileName);
        }
        try {
            Map<String, Long> rows = ParquetTables.export(connection, dir, fileName, tables);
            return new ParquetDump(dir, rows, (System.nanoTime() - start) / 1e9);
        } catch (SQLException | IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot write " + tables + " of " + this.dir + " to " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds the rows of some tables of a dump folder to this project's tables, in one transaction
     * (a distributed run's partition outputs, gathered).
     */
    public ParquetDump load(Path dumpDir, List<String> tables) {
        long start = System.nanoTime();
        try {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Map<String, Long> rows = ParquetTables.load(connection, dumpDir, tables, null);
                connection.commit();
                return new ParquetDump(dumpDir, rows, (System.nanoTime() - start) / 1e9);
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot load " + dumpDir + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The project's images cut into at most {@code parts} id ranges of nearly equal counts, in id order. */
    public List<ImageRange> imageRanges(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1: " + parts);
        }
        List<ImageRange> ranges = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT min(id), max(id) FROM (SELECT id, ntile(?) OVER (ORDER BY id) "
                + "AS part FROM images) GROUP BY part ORDER BY part")) {
            ps.setInt(1, parts);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ranges.add(new ImageRange(rs.getLong(1), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot split the images of " + dir + ": " + e.getMessage(), e);
        }
        return ranges;
    }

    /** The project folder. */
    public Path dir() {
        return dir;
    }

    /** The counts, classes, splits and issues that {@code loupe info} shows. */
    public ProjectSummary summary() {
        return new SummaryQuery(connection, dir).run();
    }

    /** Every category in id order. */
    public List<Category> categories() {
        return new ModelQueries(connection).categories();
    }

    /** Every image in id order. */
    public List<ImageRecord> images() {
        return new ModelQueries(connection).images();
    }

    /** Streams every annotation in id order, without holding them in memory. */
    public void forEachAnnotation(Consumer<Annotation> consumer) {
        new ModelQueries(connection).forEachAnnotation(consumer);
    }

    /**
     * The store side of a metric run over this project (see {@link dev.loupe.core.metrics.runner.MetricRunner}).
     * Use one run at a time per project.
     */
    public MetricRunStore analysis() {
        String root = meta("images_root");
        return new LabelMetricStore(connection, Path.of(root == null ? "." : root));
    }

    /**
     * The store side of running the annotation metrics on the predictions of a set (only
     * {@link dev.loupe.api.AnnotationMetric}s; resumable like {@link #analysis()}).
     */
    public MetricRunStore predictionAnalysis(int setId) {
        return new PredictionMetricStore(connection, imagesRoot(), setId);
    }

    /** The store side of an embedding run (see loupe-embed's EmbeddingRunner). One run at a time per project. */
    public EmbeddingStore embeddings() {
        return new EmbeddingTables(connection, imagesRoot());
    }

    /** The embedding models this project holds vectors of, with counts. */
    public List<EmbeddingModelInfo> embeddingModels() {
        return new EmbeddingTables(connection, imagesRoot()).models();
    }

    /** Stored image vectors of a model. */
    public VectorSet imageVectors(int modelId) {
        return new EmbeddingTables(connection, imagesRoot()).imageVectors(modelId);
    }

    /** Stored object-crop vectors of a model. */
    public VectorSet objectVectors(int modelId) {
        return new EmbeddingTables(connection, imagesRoot()).objectVectors(modelId);
    }

    /**
     * Hands a model's stored image vectors ({@code objects}: object vectors) to {@code rows} one at
     * a time, in {@link #imageVectors}' ({@link #objectVectors}') order, without holding them all.
     */
    public void scanVectors(int modelId, boolean objects, java.util.function.Consumer<float[]> rows) {
        new EmbeddingTables(connection, imagesRoot()).scanVectors(modelId, objects, rows);
    }

    /** One image's stored vector of a model (as the model gave it), or null when it has none. */
    public float[] imageVector(int modelId, long imageId) {
        return new EmbeddingTables(connection, imagesRoot()).imageVector(modelId, imageId);
    }

    /** The ids of a model's stored image vectors, in {@link #imageVectors}' order, without the vectors. */
    public dev.loupe.core.embed.VectorKeys imageVectorKeys(int modelId) {
        return new EmbeddingTables(connection, imagesRoot()).imageVectorKeys(modelId);
    }

    /** The ids of a model's stored object vectors (with images and classes), in {@link #objectVectors}' order. */
    public dev.loupe.core.embed.VectorKeys objectVectorKeys(int modelId) {
        return new EmbeddingTables(connection, imagesRoot()).objectVectorKeys(modelId);
    }

    /** Replaces the 2-D map of a model for a scope ("image" or "annotation"). */
    public void writeEmbeddingMap(int modelId, String itemType, long[] ids, double[] x, double[] y, String method) {
        new EmbeddingTables(connection, imagesRoot()).writeMap(modelId, itemType, ids, x, y, method);
    }

    /** Writes the vectors of a model and scope ("image" or "annotation") to a Parquet file; returns the row count. */
    public long exportEmbeddings(int modelId, String itemType, Path file) {
        return new EmbeddingTables(connection, imagesRoot()).export(modelId, itemType, file);
    }

    /** Distributions and IQR outliers of every numeric metric of a scope. */
    public List<MetricStats> metricStats(Scope scope) {
        return new MetricQueries(connection).stats(scope);
    }

    /** What each issue rule flags. */
    public List<RuleFinding> findings(List<IssueRule> rules) {
        return new MetricQueries(connection).findings(rules);
    }

    /** Writes the metric values of a scope to a CSV or Parquet file; returns the row count. */
    public long exportMetrics(Scope scope, String format, Path file) {
        return new MetricQueries(connection).export(scope, format, file);
    }

    /** The latest analyze run, the stored metrics and the failures. */
    public AnalysisSummary analysisSummary() {
        return new AnalysisQuery(connection).run();
    }

    /**
     * Imports a named prediction set, replacing the set of that name atomically, and stores the
     * per-item outcomes the matcher gives (detection sets).
     *
     * @param reader     streams the predictions into the sink, ids from the given first id on
     * @param parameters extra provenance recorded with the run
     */
    public PredictionImportResult importPredictions(String name, String format, String source,
                                                    Map<String, String> parameters,
                                                    java.util.function.BiConsumer<Long, dev.loupe.core.model.PredictionSink> reader,
                                                    dev.loupe.core.outcome.OutcomeMatcher matcher) {
        return new PredictionSetWriter(connection).write(name, format, source, parameters, reader, matcher);
    }

    /** The prediction sets, in id order. */
    public List<PredictionSetInfo> predictionSets() {
        return new PredictionQueries(connection).sets();
    }

    /**
     * Detection sets whose annotation metric pass stopped before the end (a killed import): each with
     * the number of its images still without metrics. Sets imported with metrics off are not listed.
     */
    public List<PendingPredictionMetrics> pendingPredictionMetrics() {
        return new PredictionQueries(connection).pendingMetrics();
    }

    /** The prediction set of this name; a BAD_INPUT error naming the sets there are when it does not exist. */
    public PredictionSetInfo predictionSet(String name) {
        return new PredictionQueries(connection).set(name);
    }

    /** The class probabilities of a classification set: image id to (class id to probability). */
    public Map<Long, Map<Integer, Double>> classProbabilities(int setId) {
        return new PredictionQueries(connection).probabilities(setId);
    }

    /** One image's class probabilities in the classification set {@code setName}, highest first. */
    public List<SearchPage.Top1> classProbabilities(String setName, long imageId) {
        return new PredictionQueries(connection).probabilities(setName, imageId);
    }

    /**
     * The 2-D embedding map's points of a scope (at most {@code limit}, a seeded sample beyond), each
     * flagged by whether it meets the filter, with a metric value to colour by when one is named.
     */
    public EmbeddingMap embeddingMap(ItemFilter filter, String colourMetric, int limit, List<IssueRule> rules) {
        return new BrowseQueries(connection).embeddingMap(filter, colourMetric, limit, rules);
    }

    /** Streams the predictions of a set in id order. */
    public void forEachPrediction(int setId, Consumer<dev.loupe.core.model.Prediction> consumer) {
        new PredictionQueries(connection).forEach(setId, consumer);
    }

    /**
     * TP / FP (by reason) / FN of a detection set at grid threshold index {@code tIndex} (see
     * {@link dev.loupe.core.outcome.Thresholds}), overall and per class.
     */
    public OutcomeCounts outcomeCounts(int setId, int tIndex) {
        return new OutcomeQueries(connection).counts(setId, tIndex);
    }

    /** The predictions of a detection set at a grid threshold, with their outcome and metrics. */
    public OutcomeTable predictionOutcomes(int setId, int tIndex) {
        return new OutcomeQueries(connection).predictions(setId, tIndex);
    }

    /** The evaluated ground truths at a grid threshold, missed or not, with their metrics. */
    public OutcomeTable groundTruthOutcomes(int setId, int tIndex) {
        return new OutcomeQueries(connection).groundTruths(setId, tIndex);
    }

    /** Every stored metric (the catalogue that filters and sorts may name), by scope then id. */
    public List<MetricInfo> metricCatalogue() {
        return new BrowseQueries(connection).catalogue();
    }

    /** One page of the items a filter selects, sorted by a metric or by id. */
    public SearchPage search(SearchRequest request, List<IssueRule> rules) {
        return new BrowseQueries(connection).search(request, rules);
    }

    /**
     * Search hits (with every shape of their images) of given images or annotations, in the order
     * given, each carrying {@code values[i]} as its sort value; unknown ids are left out.
     */
    public List<SearchPage.Hit> hits(Scope scope, List<Long> ids, List<Double> values) {
        return new BrowseQueries(connection).hits(scope, ids, values);
    }

    /** How many items a filter selects. */
    public long count(ItemFilter filter, List<IssueRule> rules) {
        BrowseQueries q = new BrowseQueries(connection);
        try {
            return q.count(q.filter(filter, rules));
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** Quartiles, IQR outlier bounds and a histogram of one metric over the items a filter selects. */
    public Distribution distribution(ItemFilter filter, String metricId, int bins, List<IssueRule> rules) {
        return new BrowseQueries(connection).distribution(filter, metricId, bins, rules);
    }

    /** Counts of the items a filter selects on a bins × bins grid of two metrics, between each metric's min and max. */
    public Scatter scatter(ItemFilter filter, String xMetric, String yMetric, int bins, List<IssueRule> rules) {
        BrowseQueries q = new BrowseQueries(connection);
        FilterSql f = q.filter(filter, rules);
        return new ScatterQuery(connection).scatter(f, q.numeric(filter.scope()), xMetric, yMetric, bins);
    }

    /**
     * The sorted finite values of every quantity metric of the filter's scope (numeric, not an
     * identifier) over the items it selects, in catalogue order (one query per metric).
     */
    public List<MetricSample> metricSamples(ItemFilter filter, List<IssueRule> rules) {
        BrowseQueries q = new BrowseQueries(connection);
        FilterSql f = q.filter(filter, rules);
        Map<String, MetricInfo> numeric = q.numeric(filter.scope());
        SampleQuery samples = new SampleQuery(connection);
        return numeric.values().stream().filter(MetricInfo::quantity).map(m -> samples.sample(f, numeric, m.id())).toList();
    }

    /** The issue kinds a filter of this scope can name: rules over computed metrics (with counts), then import kinds. */
    public List<IssueKindInfo> issueKinds(Scope scope, List<IssueRule> rules) {
        return new BrowseQueries(connection).issueKinds(scope, rules);
    }

    /** Everything about one image, or null when there is none with this id. */
    public ItemDetail imageDetail(long imageId, List<IssueRule> rules) {
        return new BrowseQueries(connection).detail(imageId, rules);
    }

    /**
     * The predictions of a detection set on one image with their outcome at grid threshold
     * {@code tIndex}, and the image's ground truths the set missed.
     */
    public ImageOutcomes imageOutcomes(long imageId, String set, int tIndex) {
        BrowseQueries q = new BrowseQueries(connection);
        try {
            int setId = q.detectionSet(set);
            List<Long> ids = List.of(imageId);
            return new ImageOutcomes(set, dev.loupe.core.outcome.Thresholds.value(tIndex),
                    q.predictionsOn(ids, setId, tIndex).getOrDefault(imageId, List.of()),
                    q.missedOn(ids, setId, tIndex).getOrDefault(imageId, List.of()));
        } catch (java.sql.SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** The image an annotation belongs to, or null when there is no such annotation. */
    public Long imageOfAnnotation(long annotationId) {
        return new BrowseQueries(connection).imageOf(annotationId);
    }

    /** The stored path of an image, relative to {@link #imagesRoot()}, or null when there is no such image. */
    public String imagePath(long imageId) {
        return new BrowseQueries(connection).imagePath(imageId);
    }

    /** Tags items of a scope (unknown ids are ignored); returns the number of new tags. */
    public long addTag(String name, Scope scope, List<Long> ids) {
        return new TagQueries(connection).add(name, scope, ids);
    }

    /** Removes a tag from items; returns the number removed. */
    public long removeTag(String name, Scope scope, List<Long> ids) {
        return new TagQueries(connection).remove(name, scope, ids);
    }

    /** Tags every item a filter selects; returns the number of new tags. */
    public long tagMatching(String name, ItemFilter filter, List<IssueRule> rules) {
        return new TagQueries(connection).tagMatching(name, new BrowseQueries(connection).filter(filter, rules));
    }

    /** Every tag with its counts. */
    public List<TagCount> tags() {
        return new TagQueries(connection).list();
    }

    /** Streams the images and annotations a filter selects (see {@link SelectionExport#forEach}). */
    public void forEachSelected(ItemFilter filter, List<IssueRule> rules, Consumer<ImageRecord> images,
                                Consumer<Annotation> annotations) {
        if (filter.scope() == Scope.PREDICTION) {
            throw dev.loupe.core.LoupeException.badInput("COCO export selects images or annotations, not predictions; "
                    + "export predictions as CSV");
        }
        new SelectionExport(connection).forEach(new BrowseQueries(connection).filter(filter, rules), images, annotations);
    }

    /** Writes a CSV of the items a filter selects with every metric of its scope; returns the row count. */
    public long exportCsv(ItemFilter filter, List<IssueRule> rules, java.io.Writer out) {
        BrowseQueries q = new BrowseQueries(connection);
        return new SelectionExport(connection).csv(q.filter(filter, rules), q.catalogue(), out);
    }

    /**
     * Writes one row per item of scope {@code rows} with every metric of that scope to a CSV or Parquet
     * file: the items {@code selection} selects when it is of that scope, else those on the images it
     * selects (for predictions: the predictions of {@code set} at grid threshold {@code tIndex}, with
     * their outcome, on those images). Returns the row count.
     */
    public long exportSelection(ItemFilter selection, Scope rows, String set, int tIndex, List<IssueRule> rules,
                                String format, Path file) {
        BrowseQueries q = new BrowseQueries(connection);
        FilterSql within = q.filter(selection, rules);
        ItemFilter rowFilter = rows == selection.scope() ? selection
                : rows == Scope.PREDICTION ? new ItemFilter(Scope.PREDICTION, List.of(), List.of(), List.of(), List.of(),
                        List.of(), new OutcomeFilter(set, tIndex, List.of()))
                : ItemFilter.all(rows);
        FilterSql rowSql = rows == selection.scope() ? within : q.filter(rowFilter, rules);
        return new SelectionExport(connection).toFile(rowSql, within, q.catalogue(), format, file);
    }

    /**
     * Another connection to this open project, for a second thread: DuckDB runs queries of
     * different connections at the same time, and a write committed on one is seen by the others.
     * Each must be closed; the database stays open until the last is.
     */
    public ProjectStore duplicate() {
        try {
            return new ProjectStore(dir, (DuckDBConnection) connection.duplicate(), readOnly);
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot open another connection to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The folder image paths are relative to. */
    public Path imagesRoot() {
        String root = meta("images_root");
        return Path.of(root == null ? "." : root);
    }

    /** A value of project_meta, or null. */
    public String meta(String key) {
        return ModelQueries.meta(connection, key);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot close " + dir + ": " + e.getMessage(), e);
        }
    }

    static DuckDBConnection connect(Path db) throws SQLException {
        return connect(db, false);
    }

    static DuckDBConnection connect(Path db, boolean readOnly) throws SQLException {
        // The real path: DuckDB shares one database instance between the connections of a process that name the
        // same file (the server and a command it runs for the CLI), and a symlinked spelling must not open a second.
        Path file;
        try {
            file = Files.exists(db) ? db.toRealPath() : db.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new SQLException("cannot resolve " + db + ": " + e.getMessage(), e);
        }
        java.util.Properties properties = new java.util.Properties();
        if (readOnly) {
            properties.setProperty("access_mode", "READ_ONLY");
        }
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        return c.unwrap(DuckDBConnection.class);
    }

    private static void writeMeta(Connection c, ImportSource source) throws SQLException {
        Map<String, String> meta = new TreeMap<>();
        meta.put("created_with", LoupeVersion.get());
        meta.put("format", source.format());
        meta.put("images_root", source.imagesRoot().toString());
        if (source.labels() != null) {
            meta.put("labels", source.labels());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO project_meta (key, value) VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : meta.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Removes hidden partial folders of this project left by imports that were killed: those whose
     * process is gone (a running import's folder is left alone).
     */
    private static void removeStalePartials(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".partial-";
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                String pid = p.getFileName().toString().substring(prefix.length());
                boolean alive = pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)
                        && Long.parseLong(pid) != ProcessHandle.current().pid();
                if (!alive) {
                    deleteRecursively(p);
                }
            }
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException ignored) {
            // The partial folder is hidden and named by pid; the next init of this project removes it.
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
