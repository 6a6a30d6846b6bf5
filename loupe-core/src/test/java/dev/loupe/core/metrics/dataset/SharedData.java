package dev.loupe.core.metrics.dataset;

import java.nio.file.Path;

/** Where the shared read-only data lives: system property loupe.shared, else /work/shared. */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        return Path.of(System.getProperty("loupe.shared", "/work/shared"));
    }
}
