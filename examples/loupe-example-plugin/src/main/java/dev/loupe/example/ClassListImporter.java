package dev.loupe.example;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@code path,class} list: each non-blank line names an image (relative to the images folder) and its
 * class. Classes get ids in order of first appearance. A line that is not two non-empty cells is an issue
 * (MALFORMED_FILE, naming the file and line) and is skipped; a missing list file throws, naming it. Images go
 * through loupe-formats' {@link ImageCatalog} like every built-in's: ids, header sizes, path containment.
 */
final class ClassListImporter implements DatasetImporter {
    private final Path list;
    private final Path images;

    ClassListImporter(Path list, Path images) {
        this.list = list;
        this.images = images;
    }

    @Override
    public String format() {
        return "class-list";
    }

    @Override
    public void read(DatasetSink sink) {
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LoupeException.badInput("cannot read class list " + list + ": " + e.getMessage());
        }
        String file = list.getFileName().toString();
        ImageCatalog catalog = new ImageCatalog(images);
        CategoryTable classes = new CategoryTable();
        long nextAnnotation = 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()) {
                sink.issue(new Issue(IssueKind.MALFORMED_FILE, "file", null, file, "line " + (i + 1),
                        "expected 'path,class', got '" + line + "'; line skipped"));
                continue;
            }
            String path = cells[0].strip();
            String name = cells[1].strip();
            ImageRecord image = catalog.add(sink, path, null, null, null, null, file, "line " + (i + 1));
            int category = classes.getOrAdd(sink, name, name).id();
            sink.annotation(Annotation.of(nextAnnotation++, image.id(), category, new Geometry.ImageLabel(), path));
        }
    }
}
