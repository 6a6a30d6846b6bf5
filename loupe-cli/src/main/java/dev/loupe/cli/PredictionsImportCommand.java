package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.eval.CocoOutcomeMatcher;
import dev.loupe.eval.IouType;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.predictions.PredictionRequest;
import dev.loupe.formats.predictions.ProjectCatalog;
import dev.loupe.store.predictions.PredictionImportResult;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code loupe predictions import}: reads a model's predictions into a named set. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a model's predictions as a named set (re-importing a name replaces it atomically).",
            "Detections are matched to the ground truth at IoU 0.05..0.95 (COCOeval's matching), so that",
            "'loupe eval' can give TP/FP/FN at any of these thresholds without recomputing; then the",
            "annotation metrics run on every prediction (skip with --no-metrics)."})
final class PredictionsImportCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Parameters(index = "1", paramLabel = "FILE", description = "COCO results JSON, YOLO predictions folder, or "
            + "classification CSV")
    Path file;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "name of the prediction set")
    String name;

    @Option(names = "--format", paramLabel = "ID", description = "coco, yolo, classification-csv or a plugin's format "
            + "in PROJECT/plugins (see 'loupe formats'; default: from FILE: a folder is yolo, *.csv classification-csv, "
            + "else coco)")
    String format;

    @Option(names = "--classes", paramLabel = "FILE", description = "yolo: class names file the indices refer to "
            + "(default: the project's classes in id order)")
    Path classes;

    @Option(names = "--iou-type", paramLabel = "TYPE", description = "bbox or segm: what outcomes are matched on "
            + "(default: segm for a COCO segmentation results file, else bbox)")
    String iouType;

    @Option(names = "--no-metrics", description = "do not run the annotation metrics on the predictions")
    boolean noMetrics;

    @Option(names = "--threads", paramLabel = "N", description = "metric worker threads (default: all cores)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public boolean writesProject() {
        return true;
    }

    @Override
    public Integer call() {
        if (name.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name must not be blank");
        }
        if (!Files.exists(file)) {
            throw LoupeException.badInput(file + ": not found");
        }
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : Files.isDirectory(file) ? "yolo"
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "classification-csv" : "coco";
        ExtensionRegistry<PredictionFormat> formats = Plugins.predictionFormats(project.resolve("plugins"));
        PredictionReader reader = formats.find(fmt).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "--format: " + formats.unknown(format))).open(new PredictionRequest(file, classes));
        IouType type = iouType(fmt);
        PrintWriter out = spec.commandLine().getOut();
        PredictionImportResult r;
        Map<String, String> params = new TreeMap<>();
        params.put("iou_type", type.name().toLowerCase(Locale.ROOT));
        params.put("metrics", noMetrics ? "off" : "on");
        if (classes != null) {
            params.put("classes", classes.toAbsolutePath().toString());
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try (ProjectStore store = ProjectStore.open(project)) {
            ProjectCatalog catalog = new ProjectCatalog(store.labels().images(), store.labels().categories());
            PredictionTally tally = new PredictionTally();
            r = store.predictions().importSet(name, fmt, file.toAbsolutePath().toString(), params, (firstId, sink) -> {
                reader.read(catalog, firstId, tally.counting(sink));
                tally.failIfNothingKept(file.toString());
            }, new CocoOutcomeMatcher(type));
            out.printf("%s prediction set \"%s\" (%s) in %.1f s: %s%s%n", r.replaced() ? "Replaced" : "Imported", r.name(),
                    r.kind(), r.seconds(), r.classification() ? r.images() + " images with class probabilities"
                            : r.predictions() + " predictions, outcomes matched on " + r.iouType(), tally.keptText());
            if (r.issueCount() > 0) {
                out.printf("%d issues (items not imported are listed with their location): %s%n", r.issueCount(), r.issues());
                out.printf("See them with 'loupe predictions list %s' and 'loupe eval %s --predictions %s'.%n", project,
                        project, name);
            }
            if (!r.classification() && !noMetrics) {
                PredictionMetrics.run(store, project, r.setId(), n, out, spec.commandLine().getErr(), Loupe.terminal(spec));
            }
            PredictionMetrics.completePending(store, project, n, out, spec.commandLine().getErr(), Loupe.terminal(spec));
        }
        out.printf("Next: 'loupe eval %s --predictions %s'.%n", project, name);
        out.flush();
        return 0;
    }

    private IouType iouType(String fmt) {
        if (iouType != null) {
            return switch (iouType.toLowerCase(Locale.ROOT)) {
                case "bbox" -> IouType.BBOX;
                case "segm" -> IouType.SEGM;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--iou-type must be bbox or segm, "
                        + "not " + iouType);
            };
        }
        return fmt.equals("coco") && Files.isRegularFile(file) && !CocoResultsReader.isBoxFile(file) ? IouType.SEGM
                : IouType.BBOX;
    }
}
