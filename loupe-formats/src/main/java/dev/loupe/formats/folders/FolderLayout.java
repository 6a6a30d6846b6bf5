package dev.loupe.formats.folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * How the folders under a classification root are read: class folders ({@code <class>/<image>}),
 * or split folders above them ({@code train/<class>/<image>}, {@code val/<class>/...}), as YOLO,
 * ImageNet and Keras lay them out.
 *
 * <p>A top-level folder named like a split (train, val, valid, validation, test, trainval; any case)
 * is a split folder when at least one such folder has a sub-folder; then every split-named folder
 * is a split (one without sub-folders holds unlabelled images of that split) and the classes are
 * the folders below them. "valid" and "validation" are the split "val"; the others keep their
 * lower-case name. A top-level folder that is not named like a split, beside split folders, is
 * still a class without a split (a mixed layout, said in {@link #describe}). When no split-named
 * folder has a sub-folder, every top-level folder is a class, "train" and "test" included.
 *
 * @param splitOf  top-level folder name to its split, for the split folders
 * @param classes  class names, sorted: the folders below the split folders and the other top-level folders
 * @param unsplit  top-level class folders beside split folders (a mixed layout), sorted; empty otherwise
 * @param loose    split folders that hold no class folder (their images are unlabelled), sorted
 */
record FolderLayout(Map<String, String> splitOf, List<String> classes, List<String> unsplit, List<String> loose) {
    /** Split folder names (lower case) and the split each gives, in the order splits are listed. */
    private static final Map<String, String> SPLIT_NAMES = new LinkedHashMap<>();

    static {
        SPLIT_NAMES.put("train", "train");
        SPLIT_NAMES.put("trainval", "trainval");
        SPLIT_NAMES.put("val", "val");
        SPLIT_NAMES.put("valid", "val");
        SPLIT_NAMES.put("validation", "val");
        SPLIT_NAMES.put("test", "test");
    }

    /** Reads the layout of a root folder (its top two levels of non-hidden folders). */
    static FolderLayout of(Path root) {
        List<String> top = subFolders(root);
        Map<String, String> candidates = new TreeMap<>();
        for (String name : top) {
            String split = SPLIT_NAMES.get(name.toLowerCase(Locale.ROOT));
            if (split != null) {
                candidates.put(name, split);
            }
        }
        Map<String, List<String>> below = new TreeMap<>();
        candidates.keySet().forEach(name -> below.put(name, subFolders(root.resolve(name))));
        if (below.values().stream().allMatch(List::isEmpty)) {
            return new FolderLayout(Map.of(), top, List.of(), List.of());
        }
        TreeSet<String> classes = new TreeSet<>();
        below.values().forEach(classes::addAll);
        List<String> unsplit = top.stream().filter(name -> !candidates.containsKey(name)).toList();
        classes.addAll(unsplit);
        List<String> loose = below.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        return new FolderLayout(candidates, new ArrayList<>(classes), unsplit, loose);
    }

    /** The split of an image (its top folder's), or null. */
    String split(String relative) {
        return splitOf.get(first(relative));
    }

    /**
     * The class folder of an image: the folder below its split folder, or its top folder without a
     * split; null when it lies directly in the root or in a split folder.
     */
    String classOf(String relative) {
        int slash = relative.indexOf('/');
        if (slash < 0) {
            return null;
        }
        if (!splitOf.containsKey(relative.substring(0, slash))) {
            return relative.substring(0, slash);
        }
        int next = relative.indexOf('/', slash + 1);
        return next < 0 ? null : relative.substring(slash + 1, next);
    }

    /**
     * What was read, for the import summary: "3 splits (train, val, test), 10 classes", or "3 classes
     * (one folder each), no split folders", with what a mixed layout or a loose split became.
     */
    String describe() {
        if (splitOf.isEmpty()) {
            return count(classes.size(), "class", "classes") + " (one folder each), no split folders";
        }
        List<String> splits = SPLIT_NAMES.values().stream().distinct().filter(splitOf::containsValue).toList();
        StringBuilder sb = new StringBuilder(count(splits.size(), "split", "splits") + " (" + String.join(", ", splits)
                + "), " + count(classes.size(), "class", "classes"));
        List<String> renamed = splitOf.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue()))
                .map(e -> e.getKey() + " as " + e.getValue()).toList();
        if (!renamed.isEmpty()) {
            sb.append("; split folders read as ").append(String.join(", ", renamed));
        }
        if (!unsplit.isEmpty()) {
            sb.append("; mixed layout: ").append(String.join(", ", unsplit)).append(unsplit.size() == 1 ? " is a class folder"
                    : " are class folders").append(" beside the split folders, imported without a split");
        }
        if (!loose.isEmpty()) {
            sb.append("; ").append(String.join(", ", loose)).append(loose.size() == 1 ? " holds" : " hold")
                    .append(" no class folder: its images are imported unlabelled");
        }
        return sb.toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String first(String relative) {
        int slash = relative.indexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /** The non-hidden immediate sub-folders of a folder, sorted by name. */
    private static List<String> subFolders(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
