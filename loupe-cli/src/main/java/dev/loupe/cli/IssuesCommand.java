package dev.loupe.cli;

import dev.loupe.app.WireJson;
import dev.loupe.app.issues.IssueRanking;
import dev.loupe.app.issues.IssuesText;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.eval.labels.LabelQuality;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe issues}: one list of likely label and image problems, likeliest first. */
@Command(name = "issues", mixinStandardHelpOptions = true,
        description = {"List likely label and image problems, likeliest first, in one ranking.",
            "Label: confident learning (cleanlab-exact) on a classification prediction set, ObjectLab (cleanlab-exact)",
            "on a detection set (badly located, wrong class, missing label), and the box checks (degenerate, out of",
            "bounds, same-class duplicates). Image: the issue rules over the image metrics (run 'loupe analyze')."})
final class IssuesCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "all",
            description = "label, image or all (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--set", paramLabel = "NAME", description = "the prediction set (default: the latest imported)")
    String set;

    @Option(names = "--method", paramLabel = "METHOD", description = "classification sets: prune_by_noise_rate "
            + "(default), prune_by_class, both, confident_learning or predicted_neq_given; detection sets: objectlab")
    String method;

    @Option(names = "--rank-by", paramLabel = "SCORE", defaultValue = "self_confidence",
            description = "classification: self_confidence, normalized_margin or confidence_weighted_entropy "
                    + "(default: ${DEFAULT-VALUE})")
    String rankBy;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "at most N entries, 0 for all (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print the entries as a JSON array in rank order (stable shape, README)")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        IssueRanking.Kind k;
        LabelQuality score;
        try {
            k = IssueRanking.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            score = LabelQuality.of(rankBy);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kind must be label, image or all; --rank-by: "
                    + e.getMessage());
        }
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be >= 0");
        }
        IssueRanking.Ranking r;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            r = IssueRanking.run(store, new IssueRanking.Request(k, set, method, score, limit,
                    IssueRules.forProject(project)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(WireJson.pretty(r.entries()));
        } else {
            IssuesText.print(r, out);
        }
        out.flush();
        return 0;
    }
}
