package dev.loupe.formats.yolo;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.ClassList;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImageCatalog;
import dev.loupe.formats.TextLines;
import dev.loupe.formats.SplitLists;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * YOLO txt importer. Each image under the images folder is matched to the label file with the same
 * relative path and a {@code .txt} extension under the labels folder, or else to the only label
 * file with the same stem. Lines are {@code class cx cy w h} normalised to [0, 1] by the image
 * size from the header (a box), {@code class x1 y1 x2 y2 ...} (a YOLO segmentation polygon), or a
 * box with a sixth column taken as a confidence. Class names come from a names file
 * ({@code obj.names}, {@code classes.txt}) or a data YAML. Darknet split lists ({@code train.txt},
 * ...) in the labels folder give splits.
 */
public final class YoloImporter implements DatasetImporter {
    private static final List<String> NAME_FILES = List.of("obj.names", "classes.txt", "data.yaml", "dataset.yaml");

    private final Path labelsRoot;
    private final ImageCatalog catalog;
    private final Path classesFile;

    /** @param classesFile the names file, or null to look for one in or above the labels folder */
    public YoloImporter(Path labelsRoot, Path imagesRoot, Path classesFile) {
        this.labelsRoot = labelsRoot.toAbsolutePath().normalize();
        this.catalog = new ImageCatalog(imagesRoot);
        this.classesFile = classesFile;
    }

    @Override
    public String format() {
        return "yolo";
    }

    @Override
    public void read(DatasetSink sink) {
        if (!Files.isDirectory(labelsRoot)) {
            throw LoupeException.badInput(labelsRoot + ": YOLO labels folder not found");
        }
        if (!Files.isDirectory(catalog.root())) {
            throw LoupeException.badInput(catalog.root() + ": images folder not found");
        }
        List<String> names = ClassList.read(classesFile != null ? classesFile : findNamesFile());
        Category[] categories = new Category[names.size()];
        for (int i = 0; i < categories.length; i++) {
            categories[i] = new Category(i + 1, names.get(i), null, Integer.toString(i));
            sink.category(categories[i]);
        }
        Map<String, Path> labelsByRelative = new LinkedHashMap<>();
        Map<String, Path> labelsByStem = new HashMap<>();
        Map<String, Integer> stemCount = new HashMap<>();
        for (Path f : labelFiles()) {
            String rel = labelsRoot.relativize(f).toString().replace('\\', '/');
            labelsByRelative.put(rel, f);
            String stem = SplitLists.stem(rel);
            labelsByStem.put(stem, f);
            stemCount.merge(stem, 1, Integer::sum);
        }
        Map<String, String> splits = SplitLists.read(labelsRoot);
        YoloLineParser lines = new YoloLineParser(categories, sink);
        long[] nextId = {1};
        for (Path imageFile : catalog.listImageFiles(catalog.root())) {
            String rel = catalog.relativize(imageFile);
            String stem = SplitLists.stem(rel);
            String txt = rel.substring(0, rel.length() - rel.substring(rel.lastIndexOf('/') + 1).length())
                    + stem + ".txt";
            Path label = labelsByRelative.remove(txt);
            if (label == null && stemCount.getOrDefault(stem, 0) == 1) {
                label = labelsByStem.get(stem);
                labelsByRelative.values().remove(label);
            }
            ImageRecord image = catalog.add(sink, rel, null, null, splits.get(stem), stem, null, null);
            if (label == null) {
                sink.issue(new Issue(IssueKind.MISSING_LABEL_FILE, "image", image.id(), rel, null,
                        "no label file " + txt + " under " + labelsRoot + "; imported with no objects"));
                continue;
            }
            readLabelFile(label, image, lines, nextId, sink);
        }
        for (Path orphan : labelsByRelative.values()) {
            sink.issue(new Issue(IssueKind.MISSING_IMAGE_FILE, "file", null, labelsRoot.relativize(orphan).toString(),
                    null, "label file has no image with the same name under " + catalog.root() + "; not imported"));
        }
    }

    private void readLabelFile(Path label, ImageRecord image, YoloLineParser lines, long[] nextId, DatasetSink sink) {
        String fileLabel = labelsRoot.relativize(label).toString().replace('\\', '/');
        try (BufferedReader in = Files.newBufferedReader(label, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lines.parse(TextLines.withoutBom(line, lineNo), lineNo, fileLabel, image, nextId[0])) {
                    nextId[0]++;
                }
            }
        } catch (IOException e) {
            sink.issue(new Issue(IssueKind.MALFORMED_FILE, "file", null, fileLabel, null, "cannot read: " + e.getMessage()));
        }
    }

    private List<Path> labelFiles() {
        try (Stream<Path> s = Files.walk(labelsRoot)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .filter(p -> !(p.getParent().equals(labelsRoot) && (SplitLists.isSplitList(p.getFileName().toString())
                            || NAME_FILES.contains(p.getFileName().toString()))))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, labelsRoot + ": cannot list: " + e.getMessage(), e);
        }
    }

    private Path findNamesFile() {
        for (Path dir : new Path[] {labelsRoot, labelsRoot.getParent()}) {
            for (String n : NAME_FILES) {
                if (dir != null && Files.isRegularFile(dir.resolve(n))) {
                    return dir.resolve(n);
                }
            }
        }
        throw LoupeException.badInput(labelsRoot + ": no class names file (looked for " + NAME_FILES
                + " in it and its parent); pass --classes FILE");
    }
}
