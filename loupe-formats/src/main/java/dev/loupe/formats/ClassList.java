package dev.loupe.formats;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An ordered list of class names read from a names file: one name per line (darknet
 * {@code obj.names}, {@code classes.txt}) or a YOLO data YAML with {@code names:} as a list or as
 * an index map ({@code 0: person}).
 */
public final class ClassList {
    private ClassList() {
    }

    /** Reads the class names; index i is YOLO class i. */
    public static List<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw LoupeException.badInput(file + ": class names file not found");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return name.endsWith(".yaml") || name.endsWith(".yml") ? readYaml(file) : readLines(file);
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        int line = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            String s = TextLines.withoutBom(raw, line).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (names.contains(s)) {
                throw LoupeException.badInput(file + " line " + line + ": class name \"" + s + "\" is listed twice");
            }
            names.add(s);
        }
        if (names.isEmpty()) {
            throw LoupeException.badInput(file + ": no class names (expected one name per line)");
        }
        return names;
    }

    private static List<String> readYaml(Path file) throws IOException {
        Object doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (RuntimeException e) {
            throw LoupeException.badInput(file + ": invalid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Object names = doc instanceof Map<?, ?> m ? m.get("names") : null;
        List<String> out = new ArrayList<>();
        if (names instanceof List<?> list) {
            list.forEach(n -> out.add(String.valueOf(n)));
        } else if (names instanceof Map<?, ?> map) {
            Map<Integer, String> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof Integer i) || i < 0) {
                    throw LoupeException.badInput(file + ": names: key " + e.getKey() + " must be a class index >= 0");
                }
                sorted.put(i, String.valueOf(e.getValue()));
            }
            int expected = 0;
            for (Map.Entry<Integer, String> e : sorted.entrySet()) {
                if (e.getKey() != expected++) {
                    throw LoupeException.badInput(file + ": names: class indices must be 0.." + (sorted.size() - 1)
                            + " without gaps, index " + (expected - 1) + " is missing");
                }
                out.add(e.getValue());
            }
        } else {
            throw LoupeException.badInput(file + ": expected \"names:\" as a list or a map of index to name");
        }
        if (out.isEmpty()) {
            throw LoupeException.badInput(file + ": \"names\" is empty");
        }
        return out;
    }
}
