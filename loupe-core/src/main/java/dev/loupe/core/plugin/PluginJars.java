package dev.loupe.core.plugin;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The class loader of the built-ins plus every jar of a plugins folder ({@code PROJECT/plugins}, {@code --plugins DIR}). */
public final class PluginJars {
    private PluginJars() {
    }

    /**
     * The parent itself when the folder is null or missing, else a loader over the folder's jars in name order
     * on top of it. The loader is not closed: plugin classes are used until the process ends.
     */
    public static ClassLoader classLoader(Path folder, ClassLoader parent) {
        if (folder == null || !Files.isDirectory(folder)) {
            return parent;
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
        return new URLClassLoader(jars.toArray(URL[]::new), parent);
    }
}
