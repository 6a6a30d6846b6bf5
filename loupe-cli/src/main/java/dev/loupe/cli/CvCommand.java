package dev.loupe.cli;

import dev.loupe.app.issues.OwnClassifier;
import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.store.predictions.PredictionImportResult;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loupe cv}: Loupe's own cross-validated classifier, stored as a prediction set:
 * classification (images with one image-level label) or detection (object crops, one box
 * prediction per class on each labelled object's own box).
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Train Loupe's own classifier without a model: K-fold cross-validated multinomial logistic",
            "regression on the stored embeddings ('loupe embed'). Classification projects: the image embeddings of",
            "the images with one image-level label, stored as a classification set. Detection and segmentation",
            "projects: the object-crop embeddings (every labelled object with its class), stored as a detection set",
            "in which each object gets one prediction per class on its own box, scored by that class's out-of-fold",
            "probability (below " + CvPredictionSet.MIN_CROP_PROBABILITY + " left out). It classifies given boxes:",
            "it measures class confusion, not localisation. 'loupe issues', 'loupe eval' and the web app use the set",
            "like an imported one."})
final class CvCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "loupe-cv",
            description = "name of the prediction set (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--items", paramLabel = "ITEMS", defaultValue = "auto",
            description = "images, crops, or auto: crops when the project has boxes, polygons or masks, else images "
                    + "(default: ${DEFAULT-VALUE})")
    String itemsKind;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "fold seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model", paramLabel = "NAME", description = "the embedding model's name (default: the one with "
            + "the most vectors of the items)")
    String model;

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
        if (folds < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be >= 2");
        }
        String kind = itemsKind.toLowerCase(Locale.ROOT);
        if (!kind.equals("auto") && !kind.equals("images") && !kind.equals("crops")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--items must be images, crops or auto: "
                    + itemsKind);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = ProjectStore.open(project)) {
            boolean crops = kind.equals("crops") || kind.equals("auto") && hasObjects(store);
            String what = crops ? "object-crop" : "image";
            EmbeddingModelInfo m = OwnClassifier.model(store, model, crops).orElseThrow(() -> LoupeException.badInput(
                    project + ": no " + what + " embeddings" + (model == null ? "" : " of model " + model)
                            + "; run 'loupe embed " + project + "' first"));
            long start = System.nanoTime();
            Optional<OwnClassifier.Items> fitted = crops ? OwnClassifier.crops(store, m, folds, seed)
                    : OwnClassifier.images(store, m, folds, seed);
            OwnClassifier.Items items = fitted.orElseThrow(() -> LoupeException.badInput(project + ": too few "
                    + (crops ? "labelled objects with a class and a crop embedding" : "images with exactly one "
                    + "image-level label and an embedding") + " for " + folds + "-fold cross-validation (need 2 "
                    + "classes and " + 2 * folds + " items)"));
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> params = new TreeMap<>();
            params.put("model", m.name());
            params.put("items", crops ? "crops" : "images");
            params.put("folds", Integer.toString(folds));
            params.put("seed", Long.toString(seed));
            params.put("classifier", "multinomial logistic regression, L2 C=1, L-BFGS, standardised features");
            if (crops) {
                params.put("min_probability", Double.toString(CvPredictionSet.MIN_CROP_PROBABILITY));
            }
            PredictionImportResult r = CvPredictionSet.store(store, items, name, params);
            if (crops) {
                out.printf("%s prediction set \"%s\" (detection): out-of-fold probabilities of %d objects as %d box "
                        + "predictions (one per class on each object's own box, probabilities below %s left out), "
                        + "%d-fold logistic regression on '%s' crop embeddings (%d dimensions), fitted in %.1f s%n",
                        r.replaced() ? "Replaced" : "Stored", name, items.size(), r.predictions(),
                        CvPredictionSet.MIN_CROP_PROBABILITY, folds, m.name(), items.dimension(), fitSeconds);
                out.println("It classifies the labelled boxes: it measures class confusion, not localisation.");
            } else {
                out.printf("%s prediction set \"%s\" (classification): out-of-fold probabilities of %d images, %d-fold "
                        + "logistic regression on '%s' embeddings (%d dimensions), fitted in %.1f s%n",
                        r.replaced() ? "Replaced" : "Stored", name, items.size(), folds, m.name(), items.dimension(),
                        fitSeconds);
            }
        }
        out.printf("Next: 'loupe issues %s --set %s' or 'loupe eval %s --predictions %s'.%n", project, name, project, name);
        out.flush();
        return 0;
    }

    /** Whether the project labels objects (boxes, polygons or masks) rather than whole images. */
    private static boolean hasObjects(ProjectStore store) {
        Map<String, Long> byKind = store.labels().summary().annotationsByKind();
        return byKind.entrySet().stream().anyMatch(e -> !e.getKey().equals("label") && e.getValue() > 0);
    }
}
