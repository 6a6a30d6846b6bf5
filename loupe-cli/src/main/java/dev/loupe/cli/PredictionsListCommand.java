package dev.loupe.cli;

import dev.loupe.app.WireJson;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code loupe predictions list}: the prediction sets of a project. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the prediction sets of a project.")
final class PredictionsListCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--json", description = "print the sets as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        List<PredictionSetInfo> sets;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            sets = store.predictions().sets();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(WireJson.pretty(sets));
        } else if (sets.isEmpty()) {
            out.println("No prediction sets; import one with 'loupe predictions import " + project + " FILE --name NAME'.");
        } else {
            out.printf("%-20s %-15s %-19s %-5s %12s %8s  %s%n", "name", "kind", "format", "iou", "predictions", "images",
                    "source");
            for (PredictionSetInfo s : sets) {
                out.printf("%-20s %-15s %-19s %-5s %12d %8d  %s%n", s.name(), s.kind(), s.format(),
                        s.iouType() == null ? "-" : s.iouType(), s.predictions(), s.images(), s.source());
            }
        }
        out.flush();
        return 0;
    }
}
