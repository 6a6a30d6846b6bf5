package dev.loupe.server;

import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The answers of the aggregate endpoints every page loads (summary, outliers, metric catalogue,
 * issue kinds), kept until the project's database changes: about ten queries over every item each,
 * for answers that only a write can change. A write is seen as a change of the database file or its
 * write-ahead log (size or modification time): every committed DuckDB transaction appends to the
 * log, and a checkpoint rewrites the file, whichever process or connection wrote. The stamp is read
 * before an answer is computed, so an answer is never kept under a stamp newer than its data.
 */
final class ReadCache {
    private final Path database;
    private final Path log;
    private Stamp stamp;
    private final Map<String, Object> answers = new HashMap<>();
    private long hits;

    /** The files of a write: sizes and modification times (ns) of the database and its log. */
    record Stamp(long databaseSize, long databaseModified, long logSize, long logModified) {
    }

    ReadCache(Path projectDir) {
        this.database = projectDir.resolve(ProjectStore.DATABASE_FILE);
        this.log = projectDir.resolve(ProjectStore.DATABASE_FILE + ".wal");
    }

    /** The answer kept for {@code key} since the last write, else a new one from {@code compute}. */
    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> compute) {
        Stamp now = stamp();
        synchronized (this) {
            if (!now.equals(stamp)) {
                answers.clear();
                stamp = now;
            }
            Object kept = answers.get(key);
            if (kept != null) {
                hits++;
                return (T) kept;
            }
        }
        T answer = compute.get();
        synchronized (this) {
            if (now.equals(stamp)) {
                answers.put(key, answer);
            }
        }
        return answer;
    }

    /** How many answers came from the cache (for tests). */
    synchronized long hits() {
        return hits;
    }

    Stamp stamp() {
        long[] db = sizeAndTime(database);
        long[] wal = sizeAndTime(log);
        return new Stamp(db[0], db[1], wal[0], wal[1]);
    }

    private static long[] sizeAndTime(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new long[] {a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)};
        } catch (NoSuchFileException e) {
            return new long[] {-1, -1}; // no log between checkpoints
        } catch (IOException e) {
            return new long[] {-2, System.nanoTime()}; // unreadable: never equal, so never served stale
        }
    }
}
