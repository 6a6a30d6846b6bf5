package dev.loupe.app.export;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The export's output folder, the only place it writes. Paths come from the data (image paths, class
 * and set names) and are made safe first: {@link #safeRelative} rewrites absolute paths, {@code ..}
 * and odd characters so that a path cannot leave the folder, and every file is checked once more
 * against the folder's real path (so a link planted inside it cannot lead out either).
 */
final class OutputFolder {
    private final Path root;
    private final Path realRoot;
    private final List<String> rewritten = new ArrayList<>();
    private long rewrittenCount;

    private OutputFolder(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /** Opens OUT: created when missing; a non-empty folder is refused unless {@code force}. */
    static OutputFolder open(Path out, boolean force) {
        Path root = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
                throw LoupeException.badInput("output " + root + " exists and is not a folder");
            }
            if (Files.isDirectory(root) && !force) {
                try (Stream<Path> s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw LoupeException.badInput("output folder " + root
                                + " is not empty; choose an empty or new folder, or pass --force to write into it");
                    }
                }
            }
            Files.createDirectories(root);
            return new OutputFolder(root, root.toRealPath());
        } catch (IOException e) {
            throw LoupeException.badInput("cannot create the output folder " + root + ": " + e.getMessage());
        }
    }

    Path root() {
        return root;
    }

    /**
     * The file at a relative path made of safe segments, its folders created, any file or link already
     * there removed (never followed).
     */
    Path file(String safeRelativePath) {
        Path file = root.resolve(safeRelativePath).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalStateException("unsafe export path " + safeRelativePath);
        }
        try {
            // Folder by folder, never through a link: createDirectories would follow one planted inside OUT.
            Path dir = root;
            for (Path seg : root.relativize(file.getParent())) {
                dir = dir.resolve(seg);
                if (Files.isSymbolicLink(dir)) {
                    throw LoupeException.badInput("refusing to write " + file + ": " + dir
                            + " is a link inside the output folder (it could lead out of it)");
                }
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(dir);
                }
            }
            if (!file.getParent().toRealPath().startsWith(realRoot)) {
                throw LoupeException.badInput("refusing to write " + file + ": its folder leads out of the output folder");
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw LoupeException.badInput("cannot write " + file + ": " + e.getMessage());
        }
        return file;
    }

    /**
     * A '/'-separated relative path that stays inside a folder: backslashes become '/', empty and
     * {@code .} segments are dropped, {@code ..} becomes {@code __}, a drive letter's colon and control
     * characters become {@code _}; a leading '/' (an absolute path) is dropped. Counted when it changed.
     */
    String safeRelative(String path) {
        String safe = sanitise(path);
        if (!safe.equals(path)) {
            rewrittenCount++;
            if (rewritten.size() < 3) {
                rewritten.add(path + " -> " + safe);
            }
        }
        return safe;
    }

    static String sanitise(String path) {
        StringBuilder out = new StringBuilder();
        for (String seg : path.replace('\\', '/').split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            String s = seg.equals("..") ? "__" : segment(seg);
            out.append(out.length() == 0 ? "" : "/").append(s);
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    /** One path segment: control characters, ':' and '/' or '\' replaced by '_'. */
    static String segment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == ':' || c == '/' || c == '\\' ? '_' : c);
        }
        String r = b.toString();
        return r.equals("..") || r.equals(".") || r.isEmpty() ? "_" + r : r;
    }

    /** A name from the data (a class, a set) as one file-name segment of [A-Za-z0-9._-]. */
    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }

    long rewrittenCount() {
        return rewrittenCount;
    }

    List<String> rewrittenExamples() {
        return List.copyOf(rewritten);
    }
}
