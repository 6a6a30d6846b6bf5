package dev.loupe.cli;

import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.formats.DatasetChoice;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.store.ImportSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@link DatasetChoice} of 'loupe init''s options ({@code --coco FILE} is {@code --format coco --labels FILE},
 * and so on for every built-in's own option), its importer through the dataset format registry (built-ins and
 * plugins), and the import source the project records.
 */
final class Importers {
    private Importers() {
    }

    /** The format the options name: one of the built-ins' own options, or {@code --format ID} with {@code --labels}. */
    static DatasetChoice choice(InitCommand.LabelSource l, Path labels, CommandLine cmd) {
        if (l.format == null && labels != null) {
            throw new CommandLine.ParameterException(cmd, "--labels goes with --format ID (the built-ins' own options, "
                    + "such as --coco FILE, name their labels themselves)");
        }
        return l.coco != null ? new DatasetChoice("coco", l.coco, "--coco")
                : l.voc != null ? new DatasetChoice("voc", l.voc, "--voc")
                : l.yolo != null ? new DatasetChoice("yolo", l.yolo, "--yolo")
                : l.masks != null ? new DatasetChoice("masks", l.masks, "--masks")
                : l.boxesJson != null ? new DatasetChoice("boxes-json", l.boxesJson, "--boxes-json")
                : l.format != null ? new DatasetChoice(l.format, labels, "--labels")
                : new DatasetChoice("folders", null, "--folders");
    }

    static DatasetImporter create(ExtensionRegistry<DatasetFormat> formats, Path images, DatasetChoice c, Path classes,
            CommandLine cmd) {
        try {
            return c.open(formats, images, classes);
        } catch (DatasetChoice.UsageException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    static ImportSource source(DatasetImporter importer, Path images, DatasetChoice c, Path classes) {
        Map<String, String> params = new HashMap<>();
        if (classes != null) {
            params.put("classes", classes.toAbsolutePath().normalize().toString());
        }
        return new ImportSource(importer.format(), images,
                c.labels() == null ? null : c.labels().toAbsolutePath().normalize().toString(), params);
    }
}
