package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe quickstart}: the main job on the sample dataset (BCCD, Pascal VOC). Creates the
 * sample project once, analyses it and embeds its images and object crops (no-ops when already
 * done: runs resume), trains Loupe's own classifier on the object crops ({@code loupe cv}, once) so
 * that the sample has a prediction set, then shows what Loupe found in it: the summary, the ten
 * likeliest label and image problems ({@code loupe issues}), which set the Model quality page
 * shows, and how to open it in the web app ({@code loupe serve}, which runs until stopped, so
 * quickstart itself always terminates). Without embeddings ({@code --no-embed}) there is nothing to
 * train the classifier on, so the classifier and the ranking are skipped, and it says so.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Import the sample dataset (BCCD blood cells, Pascal VOC) into a project, analyse and embed it, train",
            "Loupe's own classifier on its object crops (prediction set '" + QuickstartCommand.CV_SET + "'), and show its summary,",
            "the top " + QuickstartCommand.TOP_ISSUES + " label and image issues, and what the Model quality page shows."})
final class QuickstartCommand implements Callable<Integer> {
    /** Where the sample lies in a checkout of Loupe. */
    static final String SAMPLE = "samples/bccd/BCCD";
    /** The prediction set Loupe's own classifier leaves in the project. */
    static final String CV_SET = "loupe-cv";
    /** How many entries of 'loupe issues' quickstart prints. */
    static final int TOP_ISSUES = 10;

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

    @Option(names = "--no-embed", description = "skip the embeddings (and so Loupe's own classifier and the label-issue "
            + "ranking, which need them)")
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
        PrintWriter out = spec.commandLine().getOut();
        boolean classified = false;
        if (!noEmbed) {
            rc = root.execute("embed", project.toString(), "--model", embedModel);
            if (rc != 0) {
                return rc;
            }
            out.println();
            if (hasSet(CV_SET)) {
                out.printf("Using the existing prediction set \"%s\" of Loupe's own classifier%n", CV_SET);
                classified = true;
            } else {
                classified = root.execute("cv", project.toString(), "--name", CV_SET) == 0;
                if (!classified) {
                    out.println("Loupe's own classifier did not run (see above): no prediction set, no label-error ranking.");
                }
            }
        }
        out.println();
        rc = root.execute("info", project.toString());
        if (rc != 0) {
            return rc;
        }
        if (classified) {
            out.printf("%nTop %d issues, likeliest first ('loupe issues %s' for all; label issues from Loupe's own "
                    + "classifier on the object crops):%n", TOP_ISSUES, project);
            rc = root.execute("issues", project.toString(), "--set", CV_SET, "--limit", Integer.toString(TOP_ISSUES));
            if (rc != 0) {
                return rc;
            }
        } else if (noEmbed) {
            out.printf("%nSkipped Loupe's own classifier and the label-issue ranking: the classifier trains on the "
                    + "object-crop embeddings, which --no-embed leaves out. Run 'loupe embed %s', 'loupe cv %s' and "
                    + "'loupe issues %s' for them.%n", project, project, project);
        }
        modelQualityNote(out);
        out.printf("%nExplore it in the browser: ./loupe serve %s  (then open http://127.0.0.1:%d/)%n",
                project, ServeCommand.DEFAULT_PORT);
        out.printf("Share it as one HTML file: ./loupe report %s -o report.html%n", project);
        if (classified) {
            out.printf("Pick what to label next: ./loupe select %s --strategy mean-object-confidence -n 20 --tag next --set %s%n",
                    project, CV_SET);
        }
        return 0;
    }

    private boolean hasSet(String name) {
        try (ProjectStore store = ProjectStore.open(project)) {
            return store.predictions().sets().stream().anyMatch(s -> s.name().equals(name));
        }
    }

    /** Which set the Model quality page opens on: the first in id order (the web app's default). */
    private void modelQualityNote(PrintWriter out) {
        List<PredictionSetInfo> sets;
        try (ProjectStore store = ProjectStore.open(project)) {
            sets = store.predictions().sets();
        }
        if (sets.isEmpty()) {
            out.printf("%nThe Model quality page has no prediction set to show yet ('loupe cv %s' after 'loupe embed', "
                    + "or 'loupe predictions import').%n", project);
            return;
        }
        PredictionSetInfo shown = sets.get(0);
        out.printf("%nThe Model quality page shows prediction set \"%s\" (%s%s); %s%n", shown.name(), shown.kind(),
                shown.name().equals(CV_SET) ? ", Loupe's own classifier on the labelled boxes: class confusion, not "
                        + "localisation" : "", sets.size() == 1 ? "it is the only set."
                        : "pick another in its set menu (" + sets.size() + " sets).");
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
