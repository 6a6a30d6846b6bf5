package dev.loupe.formats;

import dev.loupe.core.LoupeException;
import dev.loupe.core.plugin.ExtensionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The dataset format a command's options name, and its labels: {@code loupe init}'s and
 * {@code loupe spark analyze}'s (each has its own options; {@code --coco FILE} is
 * {@code --format coco --labels FILE}). {@link #open} finds the format in the registry (built-ins and
 * plugins) and checks the paths against what it reads before anything is written.
 *
 * @param id     the format id
 * @param labels the label file or folder; null when none was given
 * @param option the option that named it, for messages ({@code --coco}, {@code --labels})
 */
public record DatasetChoice(String id, Path labels, String option) {
    /** The built-in formats with an option of their own ({@code --voc DIR}). */
    private static final Set<String> OWN_OPTIONS = Set.of("coco", "voc", "yolo", "masks", "boxes-json", "folders");

    /** A usage fault (an unknown format, labels missing or not wanted): the command reports it as a command-line error. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * A new importer of the chosen format, after checking the images folder, the class names file
     * and the labels against {@link DatasetFormat#labels()}.
     *
     * @throws UsageException on a usage fault
     * @throws LoupeException BAD_INPUT naming the path that is missing or of the wrong kind
     */
    public DatasetImporter open(ExtensionRegistry<DatasetFormat> formats, Path images, Path classes) {
        DatasetFormat format = formats.find(id).orElseThrow(() -> new UsageException("--format: " + formats.unknown(id)));
        requireDir("images folder (--images)", images);
        if (classes != null && !Files.isRegularFile(classes)) {
            throw LoupeException.badInput("class names file (--classes) not found: " + classes);
        }
        checkLabels(formats, format);
        return format.open(new ImportRequest(images, labels, classes));
    }

    private void checkLabels(ExtensionRegistry<DatasetFormat> formats, DatasetFormat format) {
        LabelInput input = format.labels();
        if (input.kind() == LabelInput.Kind.NONE) {
            if (labels != null) {
                throw new UsageException("format " + format.id() + " reads no labels file: drop --labels");
            }
            return;
        }
        if (labels == null) {
            throw new UsageException("format " + format.id() + " needs --labels " + (input.kind() == LabelInput.Kind.FILE ? "FILE" : "DIR")
                    + " (the " + input.noun() + ")");
        }
        if (input.kind() == LabelInput.Kind.FOLDER) {
            requireDir(input.noun() + " (" + option + ")", labels);
            return;
        }
        if (Files.isDirectory(labels)) {
            List<String> folderOptions = formats.all().stream().filter(f -> f.labels().kind() == LabelInput.Kind.FOLDER)
                    .map(f -> OWN_OPTIONS.contains(f.id()) ? "--" + f.id() : "--format " + f.id()).toList();
            throw LoupeException.badInput(option + " expects a " + input.noun() + ", but " + labels + " is a folder "
                    + "(for a folder use " + String.join(", ", folderOptions) + ")");
        }
        if (!Files.isRegularFile(labels)) {
            throw LoupeException.badInput(input.noun() + " (" + option + ") not found: " + labels);
        }
    }

    private static void requireDir(String what, Path p) {
        if (Files.isRegularFile(p)) {
            throw LoupeException.badInput(what + " must be a folder, but " + p + " is a file");
        }
        if (!Files.isDirectory(p)) {
            throw LoupeException.badInput(what + " not found: " + p);
        }
    }
}
