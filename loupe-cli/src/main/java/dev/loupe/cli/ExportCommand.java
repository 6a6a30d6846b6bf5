package dev.loupe.cli;

import dev.loupe.app.export.ExportFormat;
import dev.loupe.app.export.ExportRequest;
import dev.loupe.app.export.ExportResult;
import dev.loupe.app.export.ExportText;
import dev.loupe.app.export.Exporter;
import dev.loupe.app.export.ImageMode;
import dev.loupe.app.export.SplitPlan;
import dev.loupe.app.filter.FilterParameters;
import dev.loupe.app.BadRequest;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe export}: a thin adapter over loupe-app's {@link Exporter}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the images a filter selects, with their labels (and a prediction set), as COCO, YOLO or VOC,"
                + " or one row per item with every metric as CSV or Parquet.",
                "FILTER (--where) is the web app's filter as text: conditions joined by 'and', e.g.",
                "  image.brightness<0.2 and class=WBC,RBC and tag=keep    annotation.area>=100    split=val    issue=dark"})
final class ExportCommand implements Callable<Integer>, ProjectCommand {
    enum Images { copy, link, none }

    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--format", required = true, paramLabel = "coco|yolo|voc|csv|parquet", description = "what to write")
    String format;

    @Option(names = "--tag", arity = "1..*", paramLabel = "T", description = "only items with one of these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--where", paramLabel = "FILTER", description = "a filter in the web app's language, as text (see README)")
    String where;

    @Option(names = "--predictions", paramLabel = "NAME", description = "also write this detection set in the format's prediction flavour")
    String predictions;

    @Option(names = "--images", paramLabel = "copy|link|none",
            description = "copy the image files under OUT, link them, or leave them (default: copy; none for csv and parquet)")
    Images images;

    @Option(names = "--split", paramLabel = "NAME=SHARE,...", description = "deal the images to seeded splits, e.g. train=0.8,val=0.1,test=0.1")
    String split;

    @Option(names = "--seed", defaultValue = "0", description = "seed of --split (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--stratify", paramLabel = "class", description = "with --split: deal each image class separately")
    String stratify;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "output folder (must be empty or new)")
    Path output;

    @Option(names = "--force", description = "write into a non-empty OUT (files of the same name are replaced)")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        ExportFormat f = ExportFormat.of(format);
        if (stratify != null && !stratify.equals("class")) {
            throw new BadRequest("--stratify takes 'class', got '" + stratify + "'");
        }
        if (stratify != null && split == null) {
            throw new BadRequest("--stratify needs --split");
        }
        SplitPlan plan = split == null ? null : SplitPlan.parse(split, seed, stratify != null);
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (!tags.isEmpty()) {
            params.put("tag", tags);
        }
        if (where != null) {
            params.put("where", List.of(where));
        }
        ItemFilter filter = FilterParameters.filter(params);
        ImageMode mode = images == null ? (f.table() ? ImageMode.NONE : ImageMode.COPY) : ImageMode.valueOf(images.name().toUpperCase(java.util.Locale.ROOT));
        ExportResult result;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            result = new Exporter(store, IssueRules.forProject(project))
                    .run(new ExportRequest(f, filter, predictions, mode, plan, output, force));
        }
        ExportText.print(result, spec.commandLine().getOut());
        return 0;
    }
}
