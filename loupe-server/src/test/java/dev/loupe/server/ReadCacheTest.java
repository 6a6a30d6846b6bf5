package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregate answers are kept until the database or its log changes, and computed again after. */
class ReadCacheTest {
    @TempDir
    Path dir;

    @Test
    void anAnswerIsKeptUntilTheDatabaseOrItsLogChanges() throws IOException {
        Files.write(dir.resolve(ProjectStore.DATABASE_FILE), new byte[] {1, 2, 3});
        ReadCache cache = new ReadCache(dir);
        AtomicInteger computed = new AtomicInteger();
        assertThat(cache.<Integer>get("summary", computed::incrementAndGet)).isEqualTo(1);
        assertThat(cache.<Integer>get("summary", computed::incrementAndGet)).isEqualTo(1);
        assertThat(cache.<Integer>get("outliers", computed::incrementAndGet)).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(1);

        // A commit appends to the write-ahead log: every answer is computed again.
        Files.write(dir.resolve(ProjectStore.DATABASE_FILE + ".wal"), new byte[] {9});
        assertThat(cache.<Integer>get("summary", computed::incrementAndGet)).isEqualTo(3);
        Files.write(dir.resolve(ProjectStore.DATABASE_FILE + ".wal"), new byte[] {9}, StandardOpenOption.APPEND);
        assertThat(cache.<Integer>get("summary", computed::incrementAndGet)).isEqualTo(4);
        // A checkpoint rewrites the file and removes the log.
        Files.delete(dir.resolve(ProjectStore.DATABASE_FILE + ".wal"));
        Files.write(dir.resolve(ProjectStore.DATABASE_FILE), new byte[] {1, 2, 3, 4});
        assertThat(cache.<Integer>get("summary", computed::incrementAndGet)).isEqualTo(5);
        assertThat(cache.<Integer>get("summary", computed::incrementAndGet)).isEqualTo(5);
    }
}
