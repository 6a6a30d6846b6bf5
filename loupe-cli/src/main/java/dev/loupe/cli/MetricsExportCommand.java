package dev.loupe.cli;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe metrics export}: one row per item, one column per metric. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every metric value of a scope to CSV or Parquet: one row per item, one column per metric id.")
final class MetricsExportCommand implements Callable<Integer>, ProjectCommand {
    enum ExportScope { image, annotation }

    enum Format { csv, parquet }

    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--scope", required = true, description = "image or annotation")
    ExportScope scope;

    @Option(names = "--format", defaultValue = "csv", description = "csv or parquet (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "file to write (replaced)")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw LoupeException.badInput("output folder does not exist: " + parent);
        }
        long rows;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            rows = store.metrics().export(scope == ExportScope.image ? Scope.IMAGE : Scope.ANNOTATION, format.name(), output);
        }
        spec.commandLine().getOut().printf("Wrote %d %s rows to %s%n", rows, scope, output);
        return 0;
    }
}
