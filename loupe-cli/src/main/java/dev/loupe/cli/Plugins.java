package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.MetricRegistry;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads metric plugins: every jar in a {@code plugins/} folder, on top of the built-ins. */
final class Plugins {
    private Plugins() {
    }

    /** The registry of built-ins plus the jars in {@code folder} (ignored when it does not exist). */
    static MetricRegistry registry(Path folder) {
        ClassLoader parent = Plugins.class.getClassLoader();
        if (folder == null || !Files.isDirectory(folder)) {
            return MetricRegistry.load(parent);
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, "cannot list plugins in " + folder + ": " + e.getMessage(), e);
        }
        // Not closed: plugin classes are used until the command ends.
        return MetricRegistry.load(new URLClassLoader(jars.toArray(URL[]::new), parent));
    }
}
