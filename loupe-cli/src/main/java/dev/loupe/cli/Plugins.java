package dev.loupe.cli;

import dev.loupe.core.metrics.MetricRegistry;
import java.nio.file.Path;

/** Loads metric plugins: every jar in a {@code plugins/} folder, on top of the built-ins. */
final class Plugins {
    private Plugins() {
    }

    /** The registry of built-ins plus the jars in {@code folder} (ignored when it does not exist). */
    static MetricRegistry registry(Path folder) {
        return MetricRegistry.withPlugins(folder, Plugins.class.getClassLoader());
    }
}
