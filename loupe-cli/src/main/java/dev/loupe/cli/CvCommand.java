package dev.loupe.cli;

import dev.loupe.cli.issues.OwnClassifier;
import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.model.Category;
import dev.loupe.eval.CocoOutcomeMatcher;
import dev.loupe.eval.IouType;
import dev.loupe.store.PredictionImportResult;
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

/** {@code loupe cv}: Loupe's own cross-validated classifier, stored as a classification prediction set. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Train Loupe's own classifier without a model: K-fold cross-validated multinomial logistic",
            "regression on the stored image embeddings ('loupe embed'), for the images with one image-level label.",
            "The out-of-fold class probabilities are stored as a classification prediction set, so 'loupe issues',",
            "'loupe eval' and the web app use them like an imported set."})
final class CvCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "loupe-cv",
            description = "name of the prediction set (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "fold seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model", paramLabel = "NAME", description = "the embedding model's name (default: the one with "
            + "the most image vectors)")
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
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = ProjectStore.open(project)) {
            EmbeddingModelInfo m = OwnClassifier.model(store, model, false).orElseThrow(() -> LoupeException.badInput(
                    project + ": no image embeddings" + (model == null ? "" : " of model " + model)
                            + "; run 'loupe embed " + project + "' first"));
            long start = System.nanoTime();
            OwnClassifier.Items items = OwnClassifier.images(store, m, folds, seed).orElseThrow(() -> LoupeException
                    .badInput(project + ": too few images with exactly one image-level label and an embedding for "
                            + folds + "-fold cross-validation (need 2 classes and " + 2 * folds + " images); for "
                            + "detection projects 'loupe issues' trains on the object crops itself"));
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            List<Category> categories = store.categories();
            Map<String, String> params = new TreeMap<>();
            params.put("model", m.name());
            params.put("folds", Integer.toString(folds));
            params.put("seed", Long.toString(seed));
            params.put("classifier", "multinomial logistic regression, L2 C=1, L-BFGS, standardised features");
            PredictionImportResult r = store.importPredictions(name, "loupe-cv", "loupe cv (" + m.name() + ")", params,
                    (firstId, sink) -> {
                        for (int i = 0; i < items.size(); i++) {
                            for (int k = 0; k < categories.size(); k++) {
                                sink.probability(items.itemIds()[i], categories.get(k).id(), items.probabilities()[i][k]);
                            }
                        }
                    }, new CocoOutcomeMatcher(IouType.BBOX));
            out.printf("%s prediction set \"%s\" (classification): out-of-fold probabilities of %d images, %d-fold "
                    + "logistic regression on '%s' embeddings (%d dimensions), fitted in %.1f s%n",
                    r.replaced() ? "Replaced" : "Stored", name, items.size(), folds, m.name(), m.dimension(), fitSeconds);
        }
        out.printf("Next: 'loupe issues %s --set %s' or 'loupe eval %s --predictions %s'.%n", project, name, project, name);
        out.flush();
        return 0;
    }
}
