package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;
import dev.loupe.store.ImportSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Chooses and configures the importer for 'loupe init' options through the dataset format registry (built-ins and
 * plugins), checking paths before anything is written. {@code --coco FILE} is {@code --format coco --labels FILE},
 * and so on for every built-in's own option.
 */
final class Importers {
    /** The built-in formats with an option of their own ({@code --voc DIR}). */
    private static final Set<String> OWN_OPTIONS = Set.of("coco", "voc", "yolo", "masks", "boxes-json", "folders");

    private Importers() {
    }

    /**
     * The chosen format and its labels.
     *
     * @param id     the format id
     * @param labels the label file or folder; null when none was given
     * @param option the option that named it, for messages ({@code --coco}, {@code --labels})
     */
    record Choice(String id, Path labels, String option) {
    }

    /** The format the options name: one of the built-ins' own options, or {@code --format ID} with {@code --labels}. */
    static Choice choice(InitCommand.LabelSource l, Path labels, CommandLine cmd) {
        if (l.format == null && labels != null) {
            throw new CommandLine.ParameterException(cmd, "--labels goes with --format ID (the built-ins' own options, "
                    + "such as --coco FILE, name their labels themselves)");
        }
        return l.coco != null ? new Choice("coco", l.coco, "--coco")
                : l.voc != null ? new Choice("voc", l.voc, "--voc")
                : l.yolo != null ? new Choice("yolo", l.yolo, "--yolo")
                : l.masks != null ? new Choice("masks", l.masks, "--masks")
                : l.boxesJson != null ? new Choice("boxes-json", l.boxesJson, "--boxes-json")
                : l.format != null ? new Choice(l.format, labels, "--labels")
                : new Choice("folders", null, "--folders");
    }

    static DatasetImporter create(ExtensionRegistry<DatasetFormat> formats, Path images, Choice c, Path classes,
            CommandLine cmd) {
        DatasetFormat format = formats.find(c.id()).orElseThrow(() ->
                new CommandLine.ParameterException(cmd, "--format: " + formats.unknown(c.id())));
        requireDir("images folder (--images)", images);
        if (classes != null && !Files.isRegularFile(classes)) {
            throw LoupeException.badInput("class names file (--classes) not found: " + classes);
        }
        checkLabels(formats, format, c, cmd);
        return format.open(new ImportRequest(images, c.labels(), classes));
    }

    private static void checkLabels(ExtensionRegistry<DatasetFormat> formats, DatasetFormat format, Choice c, CommandLine cmd) {
        LabelInput input = format.labels();
        Path p = c.labels();
        if (input.kind() == LabelInput.Kind.NONE) {
            if (p != null) {
                throw new CommandLine.ParameterException(cmd, "format " + format.id() + " reads no labels file: drop --labels");
            }
            return;
        }
        if (p == null) {
            throw new CommandLine.ParameterException(cmd, "format " + format.id() + " needs --labels "
                    + (input.kind() == LabelInput.Kind.FILE ? "FILE" : "DIR") + " (the " + input.noun() + ")");
        }
        if (input.kind() == LabelInput.Kind.FOLDER) {
            requireDir(input.noun() + " (" + c.option() + ")", p);
            return;
        }
        if (Files.isDirectory(p)) {
            List<String> folderOptions = formats.all().stream().filter(f -> f.labels().kind() == LabelInput.Kind.FOLDER)
                    .map(f -> OWN_OPTIONS.contains(f.id()) ? "--" + f.id() : "--format " + f.id()).toList();
            throw LoupeException.badInput(c.option() + " expects a " + input.noun() + ", but " + p + " is a folder "
                    + "(for a folder use " + String.join(", ", folderOptions) + ")");
        }
        if (!Files.isRegularFile(p)) {
            throw LoupeException.badInput(input.noun() + " (" + c.option() + ") not found: " + p);
        }
    }

    static ImportSource source(DatasetImporter importer, Path images, Choice c, Path classes) {
        Map<String, String> params = new HashMap<>();
        if (classes != null) {
            params.put("classes", classes.toAbsolutePath().normalize().toString());
        }
        return new ImportSource(importer.format(), images,
                c.labels() == null ? null : c.labels().toAbsolutePath().normalize().toString(), params);
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
