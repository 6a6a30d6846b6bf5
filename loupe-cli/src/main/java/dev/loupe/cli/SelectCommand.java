package dev.loupe.cli;

import dev.loupe.app.WireJson;
import dev.loupe.app.select.ActiveSelection;
import dev.loupe.app.select.SelectRequest;
import dev.loupe.app.select.Selection;
import dev.loupe.app.select.Strategy;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe select}: active learning, the next images to label. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Choose the next N images to label and tag them (active learning).",
            "Uncertainty from a prediction set: entropy, least-confidence, margin (classification sets, e.g. 'loupe cv'),",
            "mean-object-confidence (detection sets). Without a model: diversity (k-means++ seeding over the image",
            "embeddings, around the labelled images). hybrid: the most uncertain image of each of N k-means clusters.",
            "random: the baseline. The pool is --pool TAG, else the images without annotations, else all images.",
            "Scores are stored as the image metric image.acquisition.STRATEGY (sort and filter by it in the web app)."})
final class SelectCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--strategy", paramLabel = "S", required = true,
            description = "entropy, least-confidence, margin, mean-object-confidence, diversity, hybrid or random")
    String strategy;

    @Option(names = "-n", paramLabel = "N", required = true, description = "how many images to choose")
    int n;

    @Option(names = "--tag", paramLabel = "NAME", required = true, description = "tag for the chosen images")
    String tag;

    @Option(names = "--set", paramLabel = "NAME", description = "the prediction set (default: the latest imported)")
    String set;

    @Option(names = "--pool", paramLabel = "TAG", description = "choose among the images with this tag")
    String pool;

    @Option(names = "--model", paramLabel = "NAME", description = "embedding model for diversity and hybrid (default: "
            + "the one with the most image vectors)")
    String model;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print the selection as JSON")
    boolean json;

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
        Strategy s;
        try {
            s = Strategy.of(strategy);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--strategy: " + e.getMessage());
        }
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be >= 1, got " + n);
        }
        Selection r;
        try (ProjectStore store = ProjectStore.open(project)) {
            r = ActiveSelection.run(store, new SelectRequest(s, n, set, pool, tag, model, seed));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(WireJson.pretty(r));
        } else {
            print(r, out);
        }
        out.flush();
        return 0;
    }

    private void print(Selection r, PrintWriter out) {
        out.printf("Pool: %s.%n", r.pool().description());
        String from = r.set() != null ? " on prediction set \"" + r.set() + "\"" : "";
        String with = r.model() != null ? " with the '" + r.model() + "' embeddings" : "";
        out.printf("Strategy %s%s%s: %d of %d pool images ranked.%n", r.strategy().id(), from, with, r.scored(),
                r.pool().imageIds().size());
        r.notes().forEach(note -> out.println("Note: " + note));
        out.printf("Chose %d images and tagged them '%s' (%d newly); scores stored as image metric %s.%n",
                r.chosen().size(), tag, r.newTags(), r.metricId());
        boolean ranked = r.strategy() == Strategy.DIVERSITY || r.strategy() == Strategy.RANDOM;
        out.printf("%5s  %8s  %10s  %s%n", "rank", "image", ranked ? "" : "score", "path");
        for (Selection.Choice c : r.chosen()) {
            out.printf(Locale.ROOT, "%5d  %8d  %10s  %s%n", c.rank(), c.imageId(),
                    ranked ? "" : String.format(Locale.ROOT, "%.4f", c.score()), c.path());
        }
        out.printf("Next: open them in 'loupe serve %s' (filter tag=%s) or hand them to labellers with 'loupe export'.%n",
                project, tag);
    }
}
