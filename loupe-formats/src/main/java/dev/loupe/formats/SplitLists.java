package dev.loupe.formats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads split lists ({@code train.txt}, {@code val.txt}, {@code test.txt}, ...) that name one
 * image per line, by id (VOC {@code ImageSets/Main}) or by path (darknet {@code train.txt}), and
 * maps each image's file stem to its split. An image listed in train and in trainval is "train":
 * the more specific lists win.
 */
public final class SplitLists {
    /** Split list file names in order of precedence (first listed wins) with the split they give. */
    private static final List<String[]> FILES = List.of(
            new String[] {"train.txt", "train"}, new String[] {"val.txt", "val"}, new String[] {"valid.txt", "val"},
            new String[] {"test.txt", "test"}, new String[] {"trainval.txt", "trainval"});

    private SplitLists() {
    }

    /** Stem to split for the lists present in the folder; empty when there are none. */
    public static Map<String, String> read(Path folder) {
        Map<String, String> byStem = new HashMap<>();
        for (String[] f : FILES) {
            Path file = folder.resolve(f[0]);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String s = line.strip();
                    if (!s.isEmpty()) {
                        // VOC lines may carry a second column (" 1"/"-1" in class lists); keep the first token.
                        byStem.putIfAbsent(stem(s.split("\\s+")[0]), f[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return byStem;
    }

    /** The file name without folders and extension. */
    public static String stem(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Whether a file name is one of the split lists (so that it is not taken for a label file). */
    public static boolean isSplitList(String fileName) {
        return FILES.stream().anyMatch(f -> f[0].equals(fileName));
    }
}
