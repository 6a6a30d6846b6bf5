package dev.loupe.app;

import dev.loupe.store.ProjectStore;
import java.util.function.Function;

/**
 * Lends a use case a project store for one call at a time: the server lends one of its pooled
 * connections per call, the CLI its one open store. A use case that keeps state across calls (a
 * loaded index) asks for the store each time it reads.
 */
public interface StoreLender {
    <T> T with(Function<ProjectStore, T> work);

    /** Lends {@code store} itself to every call (one thread at a time, as for the CLI). */
    static StoreLender of(ProjectStore store) {
        return new StoreLender() {
            @Override
            public <T> T with(Function<ProjectStore, T> work) {
                return work.apply(store);
            }
        };
    }
}
