package dev.loupe.cli;

import dev.loupe.store.parquet.ParquetDump;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe dump}: every table of a project as Parquet files, for pandas, Polars, Spark, or 'loupe attach'. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Write every table of a project as Parquet: one folder per table (images, annotations,",
            "metric values, failures, runs, predictions, embeddings...), in the project's own schema.",
            "'loupe attach' turns the folder back into a project."})
final class DumpCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "folder to create (must not exist or be empty)")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        ParquetDump dump;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            dump = store.exports().dump(output);
        }
        PrintWriter out = spec.commandLine().getOut();
        DumpText.print(out, "Wrote", dump);
        return 0;
    }
}
