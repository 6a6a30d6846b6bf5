package dev.loupe.store;

import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.runner.MetricRunStore;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.metrics.MetricRunTest;
import dev.loupe.store.sql.StoreFailure;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write that fails because the disk is full. DuckDB's words, as a 8 MB tmpfs gave them: the
 * commit fails with the first message below, and every later statement of the connection (the
 * rollback, and the run's end that is recorded after it) with "no transaction is active", which
 * was all the user saw.
 */
class DiskFullTest {
    static final String COMMIT = "TransactionContext Error: Failed to commit: Could not write file "
            + "\"/mnt/tiny/p/loupe.duckdb.wal\": No space left on device";
    static final String AFTER = "TransactionContext Error: cannot commit - no transaction is active";

    @TempDir
    Path tmp;

    @Test
    void aFullDiskIsNamedWithTheDatabaseFile() throws SQLException {
        Path db = tmp.resolve("loupe.duckdb");
        try (Connection c = ProjectStore.connect(db)) {
            LoupeException e = StoreFailure.of("metric store", new SQLException(COMMIT), c);
            assertThat(e.reason()).isEqualTo(LoupeException.Reason.STORE);
            assertThat(e.getMessage()).isEqualTo("the disk holding " + db
                    + " is full (No space left on device); nothing of this batch was written");
            // Found in a cause too; a quota is said as such; any other failure keeps DuckDB's words.
            assertThat(StoreFailure.of("x", new SQLException("wrapped", new java.io.IOException("Disk quota exceeded")), c)
                    .getMessage()).startsWith("the disk holding " + db + " is over its quota (Disk quota exceeded); ");
            assertThat(StoreFailure.of("metric store", new SQLException(AFTER), c).getMessage())
                    .isEqualTo("metric store: " + AFTER);
        }
    }

    /** The run's end fails after the write did; the write's failure is the one reported. */
    @Test
    void theFirstFailureIsReportedNotTheOneRecordingTheRunsEnd() throws SQLException {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.image(new ImageRecord(1, "img1.jpg", 10, 5, "jpeg", null, 100, null));
        });
        try (ProjectStore store = ProjectStore.open(project); Connection c = ProjectStore.connect(tmp.resolve("other.duckdb"))) {
            MetricRunStore real = store.metrics().analysis();
            MetricRunStore full = (MetricRunStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MetricRunStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("write")) {
                            throw StoreFailure.of("metric store", new SQLException(COMMIT), c);
                        }
                        if (method.getName().equals("finish")) {
                            throw StoreFailure.of("metric store", new SQLException(AFTER), c);
                        }
                        if (method.isDefault()) {
                            return InvocationHandler.invokeDefault(proxy, method, args);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            assertThatThrownBy(() -> new MetricRunner(full, 1, ProgressListener.NONE)
                    .run(List.of(new MetricRunTest.Group()), Map.of()))
                    .isInstanceOf(LoupeException.class)
                    .hasMessage("the disk holding " + tmp.resolve("other.duckdb")
                            + " is full (No space left on device); nothing of this batch was written")
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                            .satisfies(s -> assertThat(s.getMessage()).isEqualTo("metric store: " + AFTER)));
        }
    }
}
