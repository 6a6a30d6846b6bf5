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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Class-per-folder image classification: {@code imagesRoot/<class>/<...>/<image>}, or with split
 * folders above the classes, {@code imagesRoot/train/<class>/<...>/<image>} (see {@link FolderLayout}
 * for how the two are told apart). Every image file below a class folder (at any depth) gets one
 * {@link Geometry.ImageLabel} annotation of that class, and the split of its split folder. Image
 * paths are relative to the root, so the images folder of the project is the root itself.
 *
 * <p>Categories are emitted first, in sorted folder-name order (ids 1, 2, ...), including class
 * folders that hold no image: an empty class is a fact about the dataset worth showing. Images are
 * emitted in sorted relative-path order. Hidden files and folders (name starting with '.', such as
 * macOS "._x.jpg" resource forks or ".git") are ignored, as are files that are not images by
 * extension. An image lying directly in the root, or directly in a split folder, has no class: it
 * is imported without a label and a {@link IssueKind#MISSING_LABEL_FILE} issue says so (the folder
 * is this format's label "file"). {@link #layout()} says how the folders were read.
 */
public final class ClassFolderImporter implements DatasetImporter {
    private final Path imagesRoot;
    private FolderLayout layout;

    public ClassFolderImporter(Path imagesRoot) {
        this.imagesRoot = imagesRoot.toAbsolutePath().normalize();
    }

    @Override
    public String format() {
        return "folders";
    }

    /** How the folders were read ("3 splits (train, val, test), 10 classes"), once {@link #read} has run. */
    @Override
    public String layout() {
        return layout == null ? null : layout.describe();
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
        layout = FolderLayout.of(imagesRoot);
        CategoryTable categories = new CategoryTable();
        for (String name : layout.classes()) {
            categories.getOrAdd(sink, name, name);
        }
        Geometry label = new Geometry.ImageLabel();
        long nextAnnotationId = 1;
        for (Path file : images) {
            String relative = catalog.relativize(file);
            String split = layout.split(relative);
            ImageRecord image = catalog.add(sink, relative, null, null, split, null, null, null);
            String cls = layout.classOf(relative);
            if (cls == null) {
                String folder = split == null ? "the classification root" : "split folder " + relative.substring(0, relative.indexOf('/'));
                String name = relative.substring(relative.lastIndexOf('/') + 1);
                String expected = split == null ? "<class>/" + relative : relative.substring(0, relative.indexOf('/')) + "/<class>/" + name;
                sink.issue(new Issue(IssueKind.MISSING_LABEL_FILE, "image", image.id(), relative, null,
                        "image lies directly in " + folder + ", not in a class folder, so it has no label;"
                                + " imported unlabelled; expected " + expected));
                continue;
            }
            Category category = categories.get(cls);
            sink.annotation(Annotation.of(nextAnnotationId++, image.id(), category.id(), label, relative));
        }
    }

    /** Whether any segment of a '/'-separated relative path is hidden (starts with '.'). */
    private static boolean isHidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }
}
