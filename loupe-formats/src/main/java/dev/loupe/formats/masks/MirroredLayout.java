package dev.loupe.formats.masks;

import dev.loupe.core.LoupeException;
import dev.loupe.core.image.ImageHeaders;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.ImageCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A labels folder that mirrors the images folder: the labels of {@code images/<dir>/<stem>.<ext>}
 * are in {@code labels/<dir>/<stem><labelExtension>}. Lists the images, names each one's label
 * file, and at the end reports label files that no image used. Hidden files and folders (name
 * starting with '.') are ignored on both sides. The set of used label paths grows with the number
 * of images (one short string each), never with the number of annotations.
 */
final class MirroredLayout {
    private final Path labelsRoot;
    private final String labelExtension;
    private final ImageCatalog catalog;
    private final Set<String> usedLabels = new HashSet<>();

    /**
     * @throws LoupeException when a folder is missing or the images folder holds no image
     */
    MirroredLayout(Path imagesRoot, Path labelsRoot, String labelExtension, String labelKind) {
        Path images = imagesRoot.toAbsolutePath().normalize();
        this.labelsRoot = labelsRoot.toAbsolutePath().normalize();
        this.labelExtension = labelExtension;
        if (!Files.isDirectory(images)) {
            throw LoupeException.badInput("images folder " + images + " does not exist or is not a folder");
        }
        if (!Files.isDirectory(this.labelsRoot)) {
            throw LoupeException.badInput(labelKind + " folder " + this.labelsRoot
                    + " does not exist or is not a folder; expected <folder>/<video>/<frame>" + labelExtension);
        }
        this.catalog = new ImageCatalog(images);
    }

    ImageCatalog catalog() {
        return catalog;
    }

    Path labelsRoot() {
        return labelsRoot;
    }

    /** The image files, sorted by relative path. @throws LoupeException when there is none */
    List<Path> images() {
        List<Path> files = catalog.listImageFiles(catalog.root()).stream()
                .filter(f -> !isHidden(catalog.relativize(f)))
                .toList();
        if (files.isEmpty()) {
            throw LoupeException.badInput("no image files under " + catalog.root() + "; expected extensions "
                    + ImageHeaders.IMAGE_EXTENSIONS);
        }
        return files;
    }

    /** The label path of an image, relative to the labels folder, and marks it used. */
    String labelFor(String imageRelative) {
        int slash = imageRelative.lastIndexOf('/');
        int dot = imageRelative.lastIndexOf('.');
        String stem = dot > slash ? imageRelative.substring(0, dot) : imageRelative;
        String label = stem + labelExtension;
        usedLabels.add(label);
        return label;
    }

    Path resolveLabel(String labelRelative) {
        return labelsRoot.resolve(labelRelative);
    }

    /**
     * Emits a MISSING_IMAGE_FILE issue for each label file that no image used (skipping the
     * {@code meta.json} at the top of the labels folder), so that no label is dropped silently.
     */
    void reportUnusedLabels(DatasetSink sink, String labelKind) {
        String suffix = labelExtension.toLowerCase(Locale.ROOT);
        try (Stream<Path> files = Files.walk(labelsRoot)) {
            files.filter(Files::isRegularFile)
                    .map(f -> labelsRoot.relativize(f).toString().replace('\\', '/'))
                    .filter(rel -> rel.toLowerCase(Locale.ROOT).endsWith(suffix))
                    .filter(rel -> !isHidden(rel) && !rel.equals(VosMeta.FILE_NAME) && !usedLabels.contains(rel))
                    .sorted()
                    .forEach(rel -> sink.issue(new Issue(IssueKind.MISSING_IMAGE_FILE, "file", null, rel, null,
                            labelKind + " has no image: expected " + stemOf(rel) + ".<" + String.join("|",
                                    ImageHeaders.IMAGE_EXTENSIONS.stream().sorted().toList()) + "> under "
                                    + catalog.root() + "; not imported")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + labelsRoot, e);
        }
    }

    private static String stemOf(String rel) {
        int dot = rel.lastIndexOf('.');
        return dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel;
    }

    /** Whether any segment of a '/'-separated relative path is hidden (starts with '.'). */
    static boolean isHidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }
}
