package dev.loupe.server;

import dev.loupe.store.ProjectStore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Serialises use of the project's one store connection across the server's request threads
 * (a JDBC connection is not for concurrent use); DuckDB parallelises each query itself.
 */
final class StoreAccess {
    private final ProjectStore store;
    private final ReentrantLock lock = new ReentrantLock();

    StoreAccess(ProjectStore store) {
        this.store = store;
    }

    <T> T with(Function<ProjectStore, T> f) {
        lock.lock();
        try {
            return f.apply(store);
        } finally {
            lock.unlock();
        }
    }
}
