package dev.loupe.app.issues;

import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.api.Scope;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.metrics.RuleFinding;
import dev.loupe.store.browse.SearchPage;
import dev.loupe.store.browse.SearchRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The image issue rules (dark, blurry, ...: thresholds over the stored image metrics, the rules
 * {@code loupe info} counts): one entry per flagged image and rule, up to {@link SearchRequest#MAX_LIMIT}
 * images per rule.
 */
final class ImageRuleIssues {
    private ImageRuleIssues() {
    }

    static List<IssueEntry> find(ProjectStore store, List<IssueRule> rules) {
        List<IssueEntry> out = new ArrayList<>();
        for (RuleFinding f : store.metrics().findings(rules)) {
            if (f.count() == 0 || !f.scope().equalsIgnoreCase(Scope.IMAGE.name())) {
                continue;
            }
            ItemFilter filter = new ItemFilter(Scope.IMAGE, List.of(), List.of(), List.of(), List.of(f.rule()), List.of());
            SearchPage page = store.browse().search(new SearchRequest(filter, null, false, 0, SearchRequest.MAX_LIMIT), rules);
            for (SearchPage.Hit hit : page.items()) {
                out.add(new IssueEntry(0, f.rule(), "image_rule", null, hit.path(), null, null, null, null, null,
                        f.description() + " (" + f.expression() + ")"));
            }
        }
        return out;
    }
}
