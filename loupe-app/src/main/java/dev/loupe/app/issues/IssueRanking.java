package dev.loupe.app.issues;

import dev.loupe.app.LatestSet;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.eval.labels.IssueFilter;
import dev.loupe.eval.labels.LabelQuality;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the one ranked list of {@code loupe issues}. Order: box-check defects first (they are
 * certain), then the model-based label issues by score (lowest first), then image-rule findings;
 * ties by image path and annotation id.
 */
public final class IssueRanking {
    /** The method name for detection sets. */
    public static final String OBJECTLAB = "objectlab";

    private IssueRanking() {
    }

    /** What to list. */
    public enum Kind { LABEL, IMAGE, ALL }

    /**
     * The request.
     *
     * @param kind    label issues, image issues or both
     * @param setName the prediction set, or null for the latest imported one (Loupe's own classifier
     *                on the embeddings when there is none)
     * @param method  a confident-learning filter (classification sets) or "objectlab" (detection sets); null
     *                for the default of the set's kind
     * @param rankBy  the label-quality score that orders classification issues
     * @param limit   at most this many entries, 0 for all
     * @param rules   the project's issue rules
     */
    public record Request(Kind kind, String setName, String method, LabelQuality rankBy, int limit, List<IssueRule> rules) {
    }

    /**
     * The result.
     *
     * @param entries the entries in rank order, at most the limit
     * @param total   entries before the limit
     * @param set     the prediction set the label issues come from, or null
     * @param method  the method used on it, or null
     * @param notes   what was left out and how to get it
     */
    public record Ranking(List<IssueEntry> entries, int total, String set, String method, List<String> notes) {
    }

    /** Ranks a project's issues. */
    public static Ranking run(ProjectStore store, Request request) {
        ProjectLabels project = ProjectLabels.read(store);
        List<IssueEntry> all = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String setName = null;
        String method = null;
        if (request.kind() != Kind.IMAGE) {
            all.addAll(BoxCheckIssues.find(project.images(), project.categoryById(), project.byImage()));
            PredictionSetInfo set = chooseSet(store, request.setName(), notes);
            if (set == null) {
                IssueFilter filter = request.method() == null ? IssueFilter.PRUNE_BY_NOISE_RATE : filter(request.method());
                all.addAll(OwnClassifierIssues.find(store, project, filter, request.rankBy(), notes));
            } else {
                setName = set.name();
                if (set.classification()) {
                    IssueFilter filter = request.method() == null ? IssueFilter.PRUNE_BY_NOISE_RATE : filter(request.method());
                    method = filter.id() + ", ranked by " + request.rankBy().id();
                    all.addAll(ClassificationIssues.find(store, project, set, filter, request.rankBy()));
                } else if (CvSetIssues.FORMAT.equals(set.format()) && !OBJECTLAB.equals(request.method())) {
                    // loupe cv's set classifies the labelled boxes: its scores are class probabilities per object
                    IssueFilter filter = request.method() == null ? IssueFilter.PRUNE_BY_NOISE_RATE : filter(request.method());
                    method = filter.id() + " on the objects' out-of-fold probabilities, ranked by " + request.rankBy().id();
                    all.addAll(CvSetIssues.find(store, project, set, filter, request.rankBy()));
                } else {
                    if (request.method() != null && !request.method().equals(OBJECTLAB)) {
                        throw LoupeException.badInput("--method " + request.method() + " is for classification sets; \""
                                + set.name() + "\" is a detection set, scored with " + OBJECTLAB);
                    }
                    method = OBJECTLAB;
                    all.addAll(DetectionIssues.find(store, project, set));
                }
            }
        }
        if (request.kind() != Kind.LABEL) {
            all.addAll(ImageRuleIssues.find(store, request.rules()));
        }
        all.sort(Comparator.comparingInt(IssueEntry::tier)
                .thenComparing(IssueEntry::score, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(IssueEntry::image)
                .thenComparing(IssueEntry::annotationId, Comparator.nullsLast(Comparator.naturalOrder())));
        int n = request.limit() > 0 ? Math.min(request.limit(), all.size()) : all.size();
        List<IssueEntry> ranked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranked.add(all.get(i).ranked(i + 1));
        }
        return new Ranking(ranked, all.size(), setName, method, notes);
    }

    private static IssueFilter filter(String method) {
        try {
            return IssueFilter.of(method);
        } catch (IllegalArgumentException e) {
            throw LoupeException.badInput("--method: " + e.getMessage() + " (or " + OBJECTLAB + " for detection sets)");
        }
    }

    /** The named set, or the latest imported one (noting the others), or null (noting how to get one). */
    private static PredictionSetInfo chooseSet(ProjectStore store, String name, List<String> notes) {
        if (name != null) {
            return store.predictions().set(name);
        }
        List<PredictionSetInfo> sets = store.predictions().sets();
        if (sets.isEmpty()) {
            return null;
        }
        PredictionSetInfo latest = LatestSet.of(sets).orElseThrow();
        if (sets.size() > 1) {
            notes.add("label issues from the latest prediction set \"" + latest.name() + "\"; choose another with --set ("
                    + sets.stream().map(PredictionSetInfo::name).toList() + ")");
        }
        return latest;
    }
}
