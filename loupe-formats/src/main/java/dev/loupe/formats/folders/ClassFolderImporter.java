package dev.loupe.formats.folders;

import dev.loupe.core.LoupeException;
import dev.loupe.core.image.ImageHeaders;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.CategoryTable;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImageCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Class-per-folder image classification: {@code imagesRoot/<class>/<...>/<image>}. Each immediate
 * sub-folder of the root is a class; every image file below it (at any depth) gets one
 * {@link Geometry.ImageLabel} annotation of that class. Image paths are relative to the root, so
 * the images folder of the project is the root itself.
 *
 * <p>Categories are emitted first, in sorted folder-name order (ids 1, 2, ...), including class
 * folders that hold no image: an empty class is a fact about the dataset worth showing. Images are
 * emitted in sorted relative-path order. Hidden files and folders (name starting with '.', such as
 * macOS "._x.jpg" resource forks or ".git") are ignored, as are files that are not images by
 * extension. An image lying directly in the root has no class: it is imported without a label and
 * a {@link IssueKind#MISSING_LABEL_FILE} issue says so (the folder is this format's label "file").
 */
public final class ClassFolderImporter implements DatasetImporter {
    private final Path imagesRoot;

    public ClassFolderImporter(Path imagesRoot) {
        this.imagesRoot = imagesRoot.toAbsolutePath().normalize();
    }

    @Override
    public String format() {
        return "folders";
    }

    @Override
    public void read(DatasetSink sink) {
        if (!Files.isDirectory(imagesRoot)) {
            throw LoupeException.badInput("class-folder images root " + imagesRoot + " does not exist or is not a folder;"
                    + " expected a folder with one sub-folder per class");
        }
        ImageCatalog catalog = new ImageCatalog(imagesRoot);
        List<Path> images = catalog.listImageFiles(imagesRoot).stream()
                .filter(file -> !isHidden(catalog.relativize(file)))
                .toList();
        if (images.isEmpty()) {
            throw LoupeException.badInput("no image files under " + imagesRoot
                    + "; expected <class>/<image> with extensions " + ImageHeaders.IMAGE_EXTENSIONS);
        }
        CategoryTable categories = new CategoryTable();
        for (String name : classFolders()) {
            categories.getOrAdd(sink, name, name);
        }
        Geometry label = new Geometry.ImageLabel();
        long nextAnnotationId = 1;
        for (Path file : images) {
            String relative = catalog.relativize(file);
            int slash = relative.indexOf('/');
            ImageRecord image = catalog.add(sink, relative, null, null, null, null, null, null);
            if (slash < 0) {
                sink.issue(new Issue(IssueKind.MISSING_LABEL_FILE, "image", image.id(), relative, null,
                        "image lies directly in the classification root, not in a class folder, so it has no label;"
                                + " imported unlabelled; expected <class>/" + relative));
                continue;
            }
            Category category = categories.get(relative.substring(0, slash));
            sink.annotation(Annotation.of(nextAnnotationId++, image.id(), category.id(), label, relative));
        }
    }

    /** The non-hidden immediate sub-folders of the root, sorted by name. */
    private List<String> classFolders() {
        try (Stream<Path> children = Files.list(imagesRoot)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + imagesRoot, e);
        }
    }

    /** Whether any segment of a '/'-separated relative path is hidden (starts with '.'). */
    private static boolean isHidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }
}
