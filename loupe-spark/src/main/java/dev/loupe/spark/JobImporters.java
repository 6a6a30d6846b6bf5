package dev.loupe.spark;

import dev.loupe.core.plugin.PluginJars;
import dev.loupe.formats.DatasetChoice;
import dev.loupe.formats.DatasetFormats;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.store.ImportSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The job's label options (as 'loupe init''s) and the importer they choose through the dataset
 * format registry, built-ins and the formats of {@code --plugins} jars alike; paths are checked
 * before Spark starts.
 */
final class JobImporters {
    private JobImporters() {
    }

    /** Exactly one label source. */
    static final class LabelSource {
        @Option(names = "--coco", paramLabel = "FILE", description = "COCO instances JSON")
        String coco;
        @Option(names = "--voc", paramLabel = "DIR", description = "Pascal VOC folder (Annotations/*.xml or *.xml; ImageSets/Main splits)")
        String voc;
        @Option(names = "--yolo", paramLabel = "DIR", description = "YOLO txt labels folder")
        String yolo;
        @Option(names = "--folders", description = "classification: one sub-folder of --images per class")
        boolean folders;
        @Option(names = "--format", paramLabel = "ID", description = "a dataset format by id, built-in or plugin (as "
                + "'loupe formats' lists them, e.g. list for a plain image list), its labels in --labels")
        String format;
    }

    /** Where a label file or folder given as a path or URI is read from locally (a copy, for a URI). */
    interface Locator {
        Path locate(String location, String what) throws IOException;
    }

    /** The format and labels the options name, the labels located by {@code place}. */
    static DatasetChoice choice(LabelSource l, String labels, CommandLine cmd, Locator place) throws IOException {
        if (l.format == null && labels != null) {
            throw new CommandLine.ParameterException(cmd, "--labels goes with --format ID (--coco FILE and the other "
                    + "format options name their labels themselves)");
        }
        return l.coco != null ? new DatasetChoice("coco", place.locate(l.coco, "COCO file (--coco)"), "--coco")
                : l.voc != null ? new DatasetChoice("voc", place.locate(l.voc, "VOC folder (--voc)"), "--voc")
                : l.yolo != null ? new DatasetChoice("yolo", place.locate(l.yolo, "YOLO folder (--yolo)"), "--yolo")
                : l.format != null ? new DatasetChoice(l.format, labels == null ? null : place.locate(labels, "labels (--labels)"), "--labels")
                : new DatasetChoice("folders", null, "--folders");
    }

    /** Whether any label option names a URI. */
    static boolean anyUri(LabelSource l, String labels) {
        return HadoopFiles.isUri(l.coco) || HadoopFiles.isUri(l.voc) || HadoopFiles.isUri(l.yolo) || HadoopFiles.isUri(labels);
    }

    /** The chosen format's importer, the built-ins' and the plugin jars' formats known. */
    static DatasetImporter create(Path images, DatasetChoice c, Path classes, Path plugins, CommandLine cmd) {
        try {
            return c.open(DatasetFormats.load(PluginJars.classLoader(plugins, JobImporters.class.getClassLoader())), images, classes);
        } catch (DatasetChoice.UsageException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    static ImportSource source(DatasetImporter importer, Path images, DatasetChoice c, Path classes) {
        Map<String, String> params = new HashMap<>();
        if (classes != null) {
            params.put("classes", classes.toAbsolutePath().normalize().toString());
        }
        return new ImportSource(importer.format(), images, c.labels() == null ? null : c.labels().toAbsolutePath().normalize().toString(),
                params);
    }
}
