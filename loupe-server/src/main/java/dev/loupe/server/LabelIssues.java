package dev.loupe.server;

import dev.loupe.app.BadRequest;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.loupe.app.issues.IssueEntry;
import dev.loupe.app.issues.IssueRanking;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.eval.labels.LabelQuality;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/label-issues}: the ranking of {@code loupe issues} for the Label quality page,
 * each entry with its image id (for the thumbnail). A ranking can take seconds (Loupe's own
 * classifier is trained when the project has no prediction set), so the last one is kept until the
 * project's data changes (a writing CLI command, a new prediction set).
 */
final class LabelIssues {
    static final int MAX_LIMIT = 500;

    /** An entry and its image's id. */
    record Entry(@JsonUnwrapped IssueEntry entry, long imageId) {
    }

    /** The page's view: the entries, how many there are in all, the set and method used, and notes. */
    record View(List<Entry> entries, int total, String set, String method, List<String> notes) {
    }

    private record Key(String kind, String set, int limit, long version, String sets) {
    }

    private final StoreAccess store;
    private final List<IssueRule> rules;
    private final ProjectJobs jobs;
    private Key lastKey;
    private View last;

    LabelIssues(StoreAccess store, List<IssueRule> rules, ProjectJobs jobs) {
        this.store = store;
        this.rules = rules;
        this.jobs = jobs;
    }

    View get(String kindParam, String set, int limit) {
        IssueRanking.Kind kind;
        try {
            kind = kindParam == null || kindParam.isEmpty() ? IssueRanking.Kind.LABEL
                    : IssueRanking.Kind.valueOf(kindParam.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("kind must be label, image or all, got '" + kindParam + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return store.with(s -> {
            String sets = String.join(",", s.predictions().sets().stream().map(p -> p.id() + "@" + p.createdAt()).toList());
            Key key = new Key(kind.name(), set == null ? "" : set, limit, jobs.version(), sets);
            synchronized (this) {
                if (key.equals(lastKey)) {
                    return last;
                }
            }
            IssueRanking.Ranking r = IssueRanking.run(s, new IssueRanking.Request(kind, set == null || set.isEmpty() ? null : set,
                    null, LabelQuality.SELF_CONFIDENCE, limit, rules));
            Map<String, Long> ids = new HashMap<>();
            for (ImageRecord i : s.labels().images()) {
                ids.put(i.path(), i.id());
            }
            View v = new View(r.entries().stream().map(e -> new Entry(e, ids.getOrDefault(e.image(), 0L))).toList(), r.total(), r.set(),
                    r.method(), r.notes());
            synchronized (this) {
                lastKey = key;
                last = v;
            }
            return v;
        });
    }
}
