package dev.loupe.cli;

import dev.loupe.app.report.ProjectReport;
import dev.loupe.app.report.ReportRequest;
import dev.loupe.app.report.ReportSummary;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe report}: the findings as one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the project's findings as one self-contained HTML file (inline CSS and SVG, thumbnails embedded,",
            "no network): summary and class balance, issues and outliers with example thumbnails (labels drawn), metric",
            "distributions, the label-error ranking, and the evaluation (PR curves, worst slices) when predictions exist.",
            "Its size does not grow with the project: a fixed number of examples, binned charts."})
final class ReportCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "the HTML file to write")
    Path output;

    @Option(names = "--set", paramLabel = "NAME", description = "the prediction set to evaluate and rank label errors by "
            + "(default: the latest imported)")
    String set;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "" + ReportRequest.DEFAULT_EXAMPLES,
            description = "example thumbnails per issue kind and outlier metric, 0 to 24 (default: ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--label-issues", paramLabel = "N", defaultValue = "" + ReportRequest.DEFAULT_LABEL_ISSUES,
            description = "rows of the label-error ranking, 0 to 500 (default: ${DEFAULT-VALUE})")
    int labelIssues;

    @Option(names = "--thumbnail", paramLabel = "PX", defaultValue = "" + ReportRequest.DEFAULT_SIDE,
            description = "thumbnail size (longest side), 64 to 512 (default: ${DEFAULT-VALUE})")
    int side;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        ReportRequest request;
        try {
            request = new ReportRequest(set, examples, labelIssues, side);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ReportSummary r;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            r = ProjectReport.write(store, request, IssueRules.forProject(project), output);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Wrote %s (%.1f MiB, %d thumbnails): %s.%n", r.file(), r.bytes() / 1048576.0, r.thumbnails(),
                String.join(", ", r.sections()));
        r.notes().forEach(n -> out.println("Note: " + n));
        out.flush();
        return 0;
    }
}
