package dev.loupe.cli;

import dev.loupe.store.parquet.ParquetDump;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe attach}: a project from a Parquet dump ('loupe dump' or 'loupe spark analyze' output). */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Create a project from a folder of Parquet tables written by 'loupe dump' or",
            "'loupe spark analyze'. The project then works with info, serve, eval, issues and metrics export."})
final class AttachCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder to create (must not exist)")
    Path project;

    @Parameters(index = "1", paramLabel = "DIR", description = "the Parquet folder")
    Path dump;

    @Option(names = "--images", paramLabel = "DIR",
            description = "the images folder, when it is not where it was when the tables were written")
    Path images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (images != null && !Files.isDirectory(images)) {
            throw dev.loupe.core.LoupeException.badInput("images folder (--images) not found: " + images);
        }
        ParquetDump result = ProjectStore.attach(project, dump, images);
        PrintWriter out = spec.commandLine().getOut();
        DumpText.print(out, "Attached " + project.toAbsolutePath().normalize() + " from", result);
        if (images == null) {
            String root;
            try (ProjectStore store = ProjectStore.openForReading(project)) {
                root = store.labels().meta("images_root");
            }
            if (root != null && !Files.isDirectory(Path.of(root))) {
                out.printf("Its images folder %s is not a folder here: the metrics, evaluation and exports work, but to see the "
                        + "images run attach again with --images DIR, a local copy of it.%n", root);
            }
        }
        out.printf("Run 'loupe info %s' to see it, 'loupe serve %s' to browse it.%n", project, project);
        return 0;
    }
}
