package dev.loupe.server;

import dev.loupe.app.BadRequest;
import dev.loupe.app.compare.DistributionsComparison;
import dev.loupe.app.compare.SetComparison;
import dev.loupe.app.eval.EvalJson;
import dev.loupe.app.eval.EvaluationCache;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.eval.compare.SharedHistogram;
import dev.loupe.store.filter.ItemFilter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The Compare page's endpoints: {@code GET /api/compare/distributions} (two sides of the project,
 * every metric with its KS distance) and {@code GET /api/compare/sets} (two prediction sets at an
 * IoU, with deltas). Thin: parse, compute, write.
 */
final class CompareRoutes {
    private final StoreAccess store;
    private final EvaluationCache evaluations;
    private final List<IssueRule> rules;

    CompareRoutes(StoreAccess store, EvaluationCache evaluations, List<IssueRule> rules) {
        this.store = store;
        this.evaluations = evaluations;
        this.rules = rules;
    }

    void install(RoutesConfig r, String base) {
        r.get(base + "/api/compare/distributions", this::distributions);
        r.get(base + "/api/compare/sets", this::sets);
    }

    private void distributions(Context ctx) {
        Scope scope = FilterParams.scope(ctx.queryParam("scope"));
        if (scope == Scope.PREDICTION) {
            // Two prediction sets are compared by /api/compare/sets; sides here are parts of the labelled project.
            throw new BadRequest("scope must be image or annotation (compare prediction sets with /api/compare/sets)");
        }
        String a = ctx.queryParam("a");
        String b = ctx.queryParam("b");
        ItemFilter fa = CompareSide.parse("a", a, scope);
        ItemFilter fb = CompareSide.parse("b", b, scope);
        int bins = FilterParams.intValue(ctx.queryParam("bins"), "bins", DistributionsComparison.DEFAULT_BINS);
        if (bins < 1 || bins > SharedHistogram.MAX_BINS) {
            throw new BadRequest("bins must be between 1 and " + SharedHistogram.MAX_BINS + ", got " + bins);
        }
        DistributionsComparison c = store.with(s -> DistributionsComparison.run(s, scope, a, fa, b, fb, bins, rules));
        Json.send(ctx, EvalJson.finite(Json.MAPPER.valueToTree(c)));
    }

    private void sets(Context ctx) {
        String a = ctx.queryParam("a");
        String b = ctx.queryParam("b");
        if (a == null || a.isEmpty() || b == null || b.isEmpty()) {
            throw new BadRequest("a and b are required (prediction set names from /api/predictions)");
        }
        String iou = ctx.queryParam("iou");
        Json.send(ctx, EvalJson.finite(store.with(s -> SetComparison.of(evaluations.get(s, a, iou), evaluations.get(s, b, iou)))));
    }
}
