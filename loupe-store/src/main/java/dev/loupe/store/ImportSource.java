package dev.loupe.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a project's labels came from, stored in the project and in the import run's provenance.
 *
 * @param format      importer format name ("coco", "voc"...)
 * @param imagesRoot  the images folder; stored absolute, image paths are relative to it
 * @param labels      the label file or folder as given, or null (class folders)
 * @param parameters  the other options of the import, for provenance
 */
public record ImportSource(String format, Path imagesRoot, String labels, Map<String, String> parameters) {
    public ImportSource {
        Objects.requireNonNull(format, "format");
        imagesRoot = imagesRoot.toAbsolutePath().normalize();
        parameters = Map.copyOf(parameters);
    }
}
