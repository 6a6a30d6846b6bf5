package dev.loupe.cli;

import dev.loupe.api.Metric;
import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe analyze}: runs the metric functions over a project (resumable). */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Compute metrics for every image and annotation of a project.",
            "Each image is decoded once for all metrics; results are stored in batches, so an interrupted",
            "run resumes where it stopped and a run with a new metric computes only that metric."})
final class AnalyzeCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--metrics", split = ",", paramLabel = "ID",
            description = "metric ids to run (default: all; 'loupe metrics list' shows them); dependencies are added")
    List<String> metrics;

    @CommandLine.Mixin
    ImageLimitOptions limits;

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
        PrintWriter out = spec.commandLine().getOut();
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1");
        }
        long maxPixels = limits.maxPixels();
        MetricRegistry registry = Plugins.registry(project.resolve("plugins"));
        List<Metric> selected = registry.select(metrics);
        Map<String, String> params = new TreeMap<>();
        params.put("threads", Integer.toString(n));
        params.put("max_pixels", Long.toString(maxPixels));
        RunReport report;
        try (ProjectStore store = ProjectStore.open(project)) {
            boolean terminal = Loupe.terminal(spec);
            report = new MetricRunner(store.metrics().analysis(), n, new ConsoleProgress(spec.commandLine().getErr(), terminal), maxPixels).run(selected, params);
            PredictionMetrics.completePending(store, project, n, out, spec.commandLine().getErr(), terminal);
        }
        out.printf("Analysed %d of %d images with %d metrics in %.1f s (%.1f images/s, %d threads); %d failures%n",
                report.analysed(), report.images(), report.metrics().size(), report.seconds(), report.rate(), n,
                report.failures());
        if (report.analysed() < report.images()) {
            out.printf("%d images were already done for these metrics and were skipped.%n", report.images() - report.analysed());
        }
        out.printf("Run 'loupe info %s' for outliers and findings, 'loupe metrics export' for the values.%n", project);
        return 0;
    }
}
