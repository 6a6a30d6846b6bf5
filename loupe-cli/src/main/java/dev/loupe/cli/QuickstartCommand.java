package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe quickstart}: the main job on the sample dataset (BCCD, Pascal VOC). Creates the
 * sample project once, analyses it and embeds its images and object crops (no-ops when already
 * done: runs resume), then shows what Loupe found in it, and how to open it in the web app ({@code loupe serve}, which runs until stopped,
 * so quickstart itself always terminates).
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Import the sample dataset (BCCD blood cells, Pascal VOC) into a project, analyse and embed it, and show its summary.")
final class QuickstartCommand implements Callable<Integer> {
    /** Where the sample lies in a checkout of Loupe. */
    static final String SAMPLE = "samples/bccd/BCCD";

    @Option(names = "--data", paramLabel = "DIR",
            description = "a Pascal VOC folder with JPEGImages/ and Annotations/ (default: the sample shipped in the Loupe "
                    + "checkout, samples/bccd/BCCD)")
    Path data;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = "projects/bccd",
            description = "project folder to create or reuse (default: ${DEFAULT-VALUE})")
    Path project;

    @Option(names = "--embed-model", paramLabel = "MODEL", defaultValue = "mobilenet",
            description = "embedding model for similar items, the embedding map and label agreement: mobilenet, fallback or "
                    + "onnx:PATH (default: ${DEFAULT-VALUE})")
    String embedModel;

    @Option(names = "--no-embed", description = "skip the embeddings")
    boolean noEmbed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path voc = data != null ? data : defaultSample();
        CommandLine root = spec.root().commandLine();
        if (!Files.exists(project)) {
            int rc = root.execute("init", project.toString(), "--images", voc.resolve("JPEGImages").toString(),
                    "--voc", voc.toString());
            if (rc != 0) {
                return rc;
            }
        } else {
            spec.commandLine().getOut().printf("Using the existing project %s (delete it to import again)%n", project);
        }
        int rc = root.execute("analyze", project.toString());
        if (rc != 0) {
            return rc;
        }
        if (!noEmbed) {
            rc = root.execute("embed", project.toString(), "--model", embedModel);
            if (rc != 0) {
                return rc;
            }
        }
        spec.commandLine().getOut().println();
        rc = root.execute("info", project.toString());
        if (rc == 0) {
            spec.commandLine().getOut().printf("%nExplore it in the browser: ./loupe serve %s  (then open http://127.0.0.1:%d/)%n",
                    project, ServeCommand.DEFAULT_PORT);
        }
        return rc;
    }

    /** The BCCD sample that the repository ships ({@code samples/bccd/BCCD} under the checkout that runs). */
    static Path defaultSample() {
        String home = System.getProperty("loupe.home", ".");
        Path sample = Path.of(home).toAbsolutePath().normalize().resolve(SAMPLE);
        if (!Files.isDirectory(sample.resolve("JPEGImages")) || !Files.isDirectory(sample.resolve("Annotations"))) {
            throw LoupeException.badInput("sample dataset not found at " + sample + " (the checkout ships it; is it complete?); "
                    + "pass --data DIR (a Pascal VOC folder with JPEGImages/ and Annotations/)");
        }
        return sample;
    }
}
