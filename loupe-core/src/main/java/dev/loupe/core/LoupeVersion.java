package dev.loupe.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Loupe that is running, written into every run's provenance. */
public final class LoupeVersion {
    private LoupeVersion() {
    }

    /** The Maven project version, e.g. "0.1.0-SNAPSHOT". */
    public static String get() {
        try (InputStream in = LoupeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
