package dev.loupe.formats.list;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.CategoryTable;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImageCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A plain image list: one image path per line, relative to the images folder ('/' or '\' between
 * folders), optionally followed by its class, after a tab, or after the last space when the line has
 * no tab (so a path with spaces takes its class after a tab). Blank lines and lines starting with
 * '#' are skipped. An unlabelled line gives an image without annotations (a dataset to curate);
 * a labelled one an image-level label of its class, classes numbered in order of first appearance.
 * A line without a tab whose whole text names an image file is a path with spaces and no class.
 *
 * <p>Nothing in the list is trusted: a path leaving the images folder, a missing or unreadable image
 * is an issue naming the list and its line (the image is kept, as every importer keeps it); a path
 * listed twice is imported once and the later line is a {@link IssueKind#DUPLICATE_ID} issue. A list
 * that is not UTF-8 text, or names no image at all, is refused with a message naming the file.
 */
public final class ImageListImporter implements DatasetImporter {
    private final Path list;
    private final Path imagesRoot;

    public ImageListImporter(Path list, Path imagesRoot) {
        this.list = list;
        this.imagesRoot = imagesRoot;
    }

    @Override
    public String format() {
        return "list";
    }

    @Override
    public void read(DatasetSink sink) {
        ImageCatalog catalog = new ImageCatalog(imagesRoot);
        CategoryTable categories = new CategoryTable();
        Geometry label = new Geometry.ImageLabel();
        Map<String, Integer> firstLine = new HashMap<>();
        String listName = list.toString();
        long nextAnnotationId = 1;
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String text = lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
                if (text.isBlank() || text.strip().startsWith("#")) {
                    continue;
                }
                String[] entry = entry(text.strip(), catalog);
                String path = entry[0].replace('\\', '/');
                String location = "line " + lineNumber;
                Integer seen = firstLine.putIfAbsent(path, lineNumber);
                if (seen != null) {
                    sink.issue(new Issue(IssueKind.DUPLICATE_ID, "image", null, listName, location,
                            "image " + path + " is listed again (first on line " + seen + "); this line is skipped"));
                    continue;
                }
                ImageRecord image = catalog.add(sink, path, null, null, null, null, listName, location);
                if (entry[1] != null) {
                    int category = categories.getOrAdd(sink, entry[1], entry[1]).id();
                    sink.annotation(Annotation.of(nextAnnotationId++, image.id(), category, label, listName + ":" + lineNumber));
                }
            }
        } catch (CharacterCodingException e) {
            throw LoupeException.badInput("image list " + list + " is not UTF-8 text (line " + (lineNumber + 1) + ")");
        } catch (IOException e) {
            throw LoupeException.badInput("cannot read image list " + list + ": " + e.getMessage());
        }
        if (firstLine.isEmpty()) {
            throw LoupeException.badInput("image list " + list + " names no image (only blank lines and # comments); "
                    + "expected one image path per line, relative to " + imagesRoot);
        }
    }

    /**
     * (path, class or null) of a non-blank line: split at the last tab, else at the last space unless
     * the whole line names an image file (a path with spaces and no class).
     */
    static String[] entry(String line, ImageCatalog catalog) {
        int tab = line.lastIndexOf('\t');
        int cut = tab >= 0 ? tab : line.lastIndexOf(' ');
        if (tab < 0 && cut >= 0) {
            Path whole = catalog.resolve(line.replace('\\', '/'));
            if (whole != null && Files.isRegularFile(whole)) {
                return new String[] {line, null};
            }
        }
        if (cut < 0) {
            return new String[] {line, null};
        }
        String path = line.substring(0, cut).strip();
        String cls = line.substring(cut + 1).strip();
        return cls.isEmpty() ? new String[] {path, null} : new String[] {path, cls};
    }
}
