package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The projects {@code loupe serve} is given: project folders, or folders whose sub-folders are projects. */
final class ServedProjects {
    private ServedProjects() {
    }

    static List<Path> expand(List<Path> given) {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (Files.isRegularFile(p.resolve(ProjectStore.DATABASE_FILE))) {
                out.add(p);
                continue;
            }
            if (!Files.isDirectory(p)) {
                throw new LoupeException(LoupeException.Reason.PROJECT_NOT_FOUND, p + " is not a Loupe project or a folder of "
                        + "projects; create one with 'loupe init'");
            }
            try (Stream<Path> children = Files.list(p)) {
                List<Path> inside = children.filter(c -> !c.getFileName().toString().startsWith("."))
                        .filter(c -> Files.isRegularFile(c.resolve(ProjectStore.DATABASE_FILE))).sorted().toList();
                if (inside.isEmpty()) {
                    throw new LoupeException(LoupeException.Reason.PROJECT_NOT_FOUND, p + " is not a Loupe project and holds "
                            + "none (no " + ProjectStore.DATABASE_FILE + " in it or in its sub-folders)");
                }
                out.addAll(inside);
            } catch (IOException e) {
                throw LoupeException.badInput("cannot list " + p + ": " + e.getMessage());
            }
        }
        return out;
    }
}
