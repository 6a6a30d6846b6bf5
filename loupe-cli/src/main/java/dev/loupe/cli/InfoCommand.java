package dev.loupe.cli;

import dev.loupe.app.WireJson;
import dev.loupe.app.overview.ProjectOverview;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.labels.ProjectSummary;
import java.io.PrintWriter;
import java.nio.file.Path;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe info}: counts, classes, splits and issues of a project. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a project's images, annotations per class, splits and the issues found in its labels.")
final class InfoCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--json", description = "print the summary as JSON (stable shape, documented in the README)")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        ProjectOverview overview;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            overview = ProjectOverview.of(store, IssueRules.forProject(project));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(WireJson.pretty(WireJson.MAPPER.valueToTree(overview)));
        } else {
            printText(overview.project(), out);
            AnalysisText.print(overview.analysis(), out);
        }
        out.flush();
        return 0;
    }

    private static void printText(ProjectSummary s, PrintWriter out) {
        out.printf("Project      %s%n", s.project());
        out.printf("Labels       %s %s%n", s.format(), s.labels() == null ? "" : s.labels());
        out.printf("Images       %d  (folder %s)%n", s.images(), s.imagesRoot());
        out.printf("Annotations  %d  %s%s%s%s%n", s.annotations(), s.annotationsByKind(),
                s.crowdAnnotations() > 0 ? "  crowd " + s.crowdAnnotations() : "",
                s.difficultAnnotations() > 0 ? "  difficult (VOC) " + s.difficultAnnotations() : "",
                s.annotationsWithoutClass() > 0 ? "  without class " + s.annotationsWithoutClass() : "");
        out.printf("Splits       %s%n", s.splits());
        out.printf("%nClasses (%d)%n", s.categories().size());
        out.printf("  %4s  %-24s %12s %8s%n", "id", "name", "annotations", "images");
        for (ProjectSummary.CategoryCount c : s.categories()) {
            out.printf("  %4d  %-24s %12d %8d%n", c.id(), TerminalText.safe(c.name()), c.annotations(), c.images());
        }
        out.printf("%nIssues (%d)%n", s.issues().total());
        if (s.issues().total() == 0) {
            out.println("  none: every label passed the import checks");
        }
        for (ProjectSummary.IssueKindCount k : s.issues().byKind()) {
            out.printf("  %-26s %-8s %d%n", k.kind(), k.severity(), k.count());
            for (ProjectSummary.IssueExample e : k.examples()) {
                StringBuilder where = new StringBuilder();
                if (e.file() != null) {
                    where.append(e.file());
                }
                if (e.location() != null) {
                    where.append(where.length() > 0 ? " " : "").append(e.location());
                }
                out.printf("      %s%s%n", where.length() > 0 ? TerminalText.safe(where.toString()) + ": " : "",
                        TerminalText.safe(e.message()));
            }
        }
    }

}
