package dev.loupe.server;

import dev.loupe.app.StoreLender;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Lends the server's request threads the project's store connections, one thread per connection
 * at a time (a JDBC connection is not for concurrent use). With several connections a slow query
 * (a sort of 10^6 annotations for a deep page) no longer holds up the quick ones behind it; DuckDB
 * also parallelises each query itself.
 */
final class StoreAccess implements StoreLender, AutoCloseable {
    private final BlockingQueue<ProjectStore> idle;
    private final List<ProjectStore> extra = new ArrayList<>();

    /** Lends {@code store} and {@code connections - 1} duplicates of it; closes only the duplicates. */
    StoreAccess(ProjectStore store, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1, got " + connections);
        }
        idle = new ArrayBlockingQueue<>(connections);
        idle.add(store);
        try {
            for (int i = 1; i < connections; i++) {
                ProjectStore d = store.duplicate();
                extra.add(d);
                idle.add(d);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public <T> T with(Function<ProjectStore, T> f) {
        ProjectStore s;
        try {
            s = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a store connection", e);
        }
        try {
            return f.apply(s);
        } finally {
            idle.add(s);
        }
    }

    @Override
    public void close() {
        for (ProjectStore d : extra) {
            try {
                d.close();
            } catch (RuntimeException ignored) {
                // closing the rest matters more
            }
        }
        extra.clear();
    }
}
