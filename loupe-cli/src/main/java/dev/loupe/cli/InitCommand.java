package dev.loupe.cli;

import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.formats.DatasetChoice;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.store.ImportResult;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe init}: creates a project by importing a labelled dataset. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a project folder and import a labelled dataset into it.",
            "Problems in the labels are recorded as issues (see 'loupe info'), never silently dropped;",
            "the project appears only when the import has finished."})
final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder to create (must not exist)")
    Path project;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "folder the image paths are relative to")
    Path images;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Label format (exactly one):%n")
    LabelSource labels;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "class names: one per line (obj.names, classes.txt) or a YOLO data YAML; for --yolo "
                    + "(default: found beside the labels) and --voc (restricts the accepted classes)")
    Path classes;

    @Option(names = "--labels", paramLabel = "PATH", description = "with --format: the label file or folder the format reads")
    Path labelsPath;

    @Option(names = "--plugins", paramLabel = "DIR", description = "also load the plugin jars in DIR (dataset formats "
            + "for --format; see 'loupe formats --plugins DIR')")
    Path plugins;

    @Option(names = "--strict", description = "fail (and create nothing) if the import records any error-severity issue")
    boolean strict;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The label sources; exactly one is given. */
    static final class LabelSource {
        @Option(names = "--coco", paramLabel = "FILE", description = "COCO instances JSON")
        Path coco;
        @Option(names = "--voc", paramLabel = "DIR", description = "Pascal VOC folder (Annotations/*.xml or *.xml; ImageSets/Main splits)")
        Path voc;
        @Option(names = "--yolo", paramLabel = "DIR", description = "YOLO txt labels folder")
        Path yolo;
        @Option(names = "--folders", description = "classification: one sub-folder of --images per class")
        boolean folders;
        @Option(names = "--masks", paramLabel = "DIR", description = "PNG instance masks (pixel value = instance id), same layout as --images")
        Path masks;
        @Option(names = "--boxes-json", paramLabel = "DIR", description = "normalised box JSON per image ({id: {x, y, w, h}}), same layout as --images")
        Path boxesJson;
        @Option(names = "--format", paramLabel = "ID", description = "a dataset format by id, built-in or plugin "
                + "(see 'loupe formats'), its labels in --labels; --coco FILE is --format coco --labels FILE")
        String format;
    }

    @Override
    public Integer call() {
        DatasetChoice choice = Importers.choice(labels, labelsPath, spec.commandLine());
        ExtensionRegistry<DatasetFormat> formats = Plugins.datasetFormats(Plugins.option(plugins, spec.commandLine()));
        DatasetImporter importer = Importers.create(formats, images, choice, classes, spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        ImportSource source = Importers.source(importer, images, choice, classes);
        ImportTally tally = new ImportTally();
        ImportResult result = ProjectStore.create(project, source, sink -> {
            StrictSink checked = new StrictSink(sink, strict);
            importer.read(tally.counting(checked));
            tally.failIfNothingKept(importer.format(), source.labels() != null ? source.labels() : images.toString());
            checked.failIfErrors();
        });
        out.printf("Created %s: %d images, %s, %d issues (%s import, %.1f s)%n", result.project(),
                result.images(), tally.annotationsText(), result.issueCount(), importer.format(), result.seconds());
        if (importer.layout() != null) {
            out.printf("Layout: %s%n", TerminalText.safe(importer.layout()));
        }
        for (Map.Entry<String, Long> e : result.issues().entrySet()) {
            out.printf("  %-26s %d%n", e.getKey(), e.getValue());
        }
        if (result.issueCount() > 0) {
            out.printf("Run 'loupe info %s' to see where they are.%n", project);
        }
        return 0;
    }
}
