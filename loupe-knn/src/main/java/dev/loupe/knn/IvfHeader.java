package dev.loupe.knn;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The header of an {@link IvfIndex} ({@value IvfIndex#HEADER}, text): format and version, the
 * shape, how it searches, and the caller's user data (keys prefixed {@code user.}). Written after
 * every other file, so an index without it was never finished.
 */
record IvfHeader(int n, int d, int lists, int probes, int rerank, boolean powerNormalised, Map<String, String> userData) {
    static final String FORMAT = "loupe-ivf";
    static final int VERSION = 1;
    private static final String USER = "user.";

    IvfHeader {
        userData = Map.copyOf(userData);
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("n", Integer.toString(n));
        p.setProperty("d", Integer.toString(d));
        p.setProperty("lists", Integer.toString(lists));
        p.setProperty("probes", Integer.toString(probes));
        p.setProperty("rerank", Integer.toString(rerank));
        p.setProperty("power_normalised", Boolean.toString(powerNormalised));
        userData.forEach((k, v) -> p.setProperty(USER + k, v));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "Loupe k-NN index (inverted file, int8 codes, raw vectors for the re-rank)");
        }
    }

    /**
     * Reads a header.
     *
     * @throws IOException naming the file when it is missing, not an IVF index, of another version or lacks a value
     */
    static IvfHeader read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing (the index was not finished: rebuild it)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a Loupe IVF index header: " + e.getMessage());
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(file + " is not a Loupe IVF index header (format '" + p.getProperty("format") + "', expected '" + FORMAT + "')");
        }
        int version = number(p, "version", file);
        if (version != VERSION) {
            throw new IOException(file + " is an IVF index of version " + version + "; this Loupe reads version " + VERSION + " (rebuild the index)");
        }
        Map<String, String> user = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(USER)) {
                user.put(k.substring(USER.length()), p.getProperty(k));
            }
        }
        String root = p.getProperty("power_normalised");
        if (root == null) {
            throw new IOException(file + " lacks 'power_normalised' (truncated? rebuild the index)");
        }
        IvfHeader h = new IvfHeader(number(p, "n", file), number(p, "d", file), number(p, "lists", file), number(p, "probes", file),
                number(p, "rerank", file), Boolean.parseBoolean(root), user);
        if (h.n() < 0 || h.d() < 0 || h.lists() < 0 || h.lists() > Math.max(1, h.n()) || h.rerank() < 1
                || (long) h.lists() * h.d() > Integer.MAX_VALUE) {
            throw new IOException(file + " has impossible values: n " + h.n() + ", d " + h.d() + ", lists " + h.lists() + ", rerank " + h.rerank());
        }
        return h;
    }

    private static int number(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException(file + " lacks '" + key + "' (truncated? rebuild the index)");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": '" + key + "' is '" + v + "', not a whole number");
        }
    }
}
