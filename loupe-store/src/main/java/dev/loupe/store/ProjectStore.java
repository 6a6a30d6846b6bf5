package dev.loupe.store;

import dev.loupe.core.LoupeException;
import dev.loupe.core.LoupeVersion;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.IssueKind;
import dev.loupe.store.browse.Browse;
import dev.loupe.store.labels.Labels;
import dev.loupe.store.metrics.Metrics;
import dev.loupe.store.parquet.Exports;
import dev.loupe.store.parquet.ImageRange;
import dev.loupe.store.parquet.ParquetDump;
import dev.loupe.store.parquet.ParquetTables;
import dev.loupe.store.predictions.Predictions;
import dev.loupe.store.sql.Migrations;
import dev.loupe.store.sql.Runs;
import dev.loupe.store.sql.StoreFailure;
import dev.loupe.store.tags.Tags;
import dev.loupe.store.vectors.EmbeddingTables;
import dev.loupe.store.write.ImportChecks;
import dev.loupe.store.write.ProjectWriter;
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
     * DuckDB's memory limit for the process's databases ({@code -Dloupe.duckdb.memory=1GB}): the native
     * memory DuckDB may take beside the JVM's heap (its default is 80% of the machine's memory; what does
     * not fit is spilled to a temporary folder beside the database where the operation allows it).
     * Read when a project's database is first opened in the process.
     */
    public static final String MEMORY_LIMIT_PROPERTY = "loupe.duckdb.memory";

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
                long runId = Runs.start(c, "import", importParameters(source));
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
                setImagesRoot(c, imagesRoot);
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
        return attachSlice(projectDir, dumpDir, tables, images, null);
    }

    /**
     * As {@link #attachSlice(Path, Path, List, ImageRange)}, the images read from {@code imagesRoot}
     * (a partition's local copy of them) instead of the dump's images folder; null keeps the dump's.
     */
    public static ProjectStore attachSlice(Path projectDir, Path dumpDir, List<String> tables, ImageRange images, Path imagesRoot) {
        build(projectDir, c -> {
            Map<String, Long> rows = load(c, dumpDir, tables, images);
            if (imagesRoot != null) {
                setImagesRoot(c, imagesRoot);
            }
            return rows;
        });
        return open(projectDir);
    }

    private static void setImagesRoot(DuckDBConnection c, Path imagesRoot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO project_meta (key, value) VALUES ('images_root', ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, imagesRoot.toAbsolutePath().normalize().toString());
            ps.executeUpdate();
        }
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

    /** The project folder. */
    public Path dir() {
        return dir;
    }

    /** The labels room: the project's facts, categories, images and annotations. */
    public Labels labels() {
        return new Labels(connection, dir);
    }

    /** The browse room: catalogue, search, counts, distributions, detail, issue kinds, embedding map. */
    public Browse browse() {
        return new Browse(connection);
    }

    /** The metrics room: the store side of metric runs; statistics, findings and metric export. */
    public Metrics metrics() {
        return new Metrics(connection, labels().imagesRoot());
    }

    /** The predictions room: prediction sets, their import and their outcomes. */
    public Predictions predictions() {
        return new Predictions(connection);
    }

    /** The embeddings room: the store side of an embedding run, stored vectors, the 2-D map. One run at a time per project. */
    public EmbeddingTables embeddings() {
        return new EmbeddingTables(connection, labels().imagesRoot());
    }

    /** The tags room. */
    public Tags tags() {
        return new Tags(connection);
    }

    /** The exports room: Parquet dumps and loads, image ranges, selections as COCO rows, CSV and Parquet. */
    public Exports exports() {
        return new Exports(connection, dir);
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
        String memory = System.getProperty(MEMORY_LIMIT_PROPERTY);
        if (memory != null && !memory.isBlank()) {
            properties.setProperty("memory_limit", memory.strip());
        }
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        return c.unwrap(DuckDBConnection.class);
    }

    /** The provenance of an import run: the source's parameters, format, images folder and labels file. */
    private static Map<String, String> importParameters(ImportSource source) {
        Map<String, String> params = new TreeMap<>(source.parameters());
        params.put("format", source.format());
        params.put("images", source.imagesRoot().toString());
        if (source.labels() != null) {
            params.put("labels", source.labels());
        }
        return params;
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
