package dev.loupe.server;

import dev.loupe.api.Scope;
import dev.loupe.store.ClassifierFilter;
import dev.loupe.store.ItemFilter;
import dev.loupe.store.OutcomeFilter;
import dev.loupe.store.SearchRequest;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a filter, a sort and a page from query parameters, the same everywhere (search,
 * distribution, tag-all, export) and in the browser's URL:
 * {@code scope=image|annotation|prediction}, repeated {@code class}, {@code tag}, {@code issue}, {@code split},
 * {@code range=METRIC:MIN:MAX} (either bound may be empty), {@code sort=METRIC} ({@code prediction.score}
 * for predictions), {@code order=asc|desc}, {@code offset}, {@code limit}; outcomes: {@code set} (a
 * prediction set name; required for predictions), {@code iou} (grid 0.05..0.95, default 0.5) and repeated
 * {@code outcome} (tp, fp, fn, or an FP reason); {@code ids=1,2,3} keeps only those items of the scope (an
 * explicit selection, at most {@link ItemFilter#MAX_IDS}); {@code path=TEXT} keeps images whose path contains the
 * text (ignoring case; for annotations and predictions, those on such images); {@code classifier=SET} (a classification
 * set) with repeated {@code predicted=CLASS} (its top-1 class) and {@code wrong=1} (misclassified images only). Names are checked by the store against the project.
 */
final class FilterParams {
    static final int MAX_VALUES = 200;

    private FilterParams() {
    }

    static ItemFilter filter(Context ctx) {
        Scope scope = scope(ctx.queryParam("scope"));
        List<ItemFilter.MetricRange> ranges = new ArrayList<>();
        for (String r : values(ctx, "range")) {
            String[] parts = r.split(":", -1);
            if (parts.length != 3 || parts[0].isBlank()) {
                throw ApiError.badRequest("range must be METRIC:MIN:MAX (a bound may be empty), got '" + r + "'");
            }
            ranges.add(new ItemFilter.MetricRange(parts[0], number(parts[1], "range " + r), number(parts[2], "range " + r)));
        }
        return new ItemFilter(scope, ranges, values(ctx, "class"), values(ctx, "tag"), values(ctx, "issue"), values(ctx, "split"),
                outcome(ctx, scope), ids(ctx.queryParam("ids")), path(ctx.queryParam("path")), classifier(ctx));
    }

    /** The {@code classifier}, {@code predicted} and {@code wrong} parameters, or null when no classifier is named. */
    static ClassifierFilter classifier(Context ctx) {
        String set = ctx.queryParam("classifier");
        List<String> predicted = values(ctx, "predicted");
        String wrong = ctx.queryParam("wrong");
        if (wrong != null && !wrong.isEmpty() && !wrong.equals("1") && !wrong.equals("0")) {
            throw ApiError.badRequest("wrong must be 1 or 0, got '" + wrong + "'");
        }
        if (set == null || set.isEmpty()) {
            if (!predicted.isEmpty() || "1".equals(wrong)) {
                throw ApiError.badRequest("predicted and wrong need classifier (a classification set name from /api/predictions)");
            }
            return null;
        }
        return new ClassifierFilter(set, predicted, "1".equals(wrong));
    }

    /** The {@code path} search text (a part of the image path), or null. */
    static String path(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.length() > 500) {
            throw ApiError.badRequest("path must be at most 500 characters, got " + s.length());
        }
        return s.strip();
    }

    /** The comma-separated item ids of {@code ids}; empty when absent. */
    static List<Long> ids(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        String[] parts = s.split(",", -1);
        if (parts.length > ItemFilter.MAX_IDS) {
            throw ApiError.badRequest("at most " + ItemFilter.MAX_IDS + " ids, got " + parts.length
                    + "; tag the items and filter by the tag instead");
        }
        List<Long> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            try {
                long id = Long.parseLong(p.trim());
                if (id < 1) {
                    throw new NumberFormatException();
                }
                out.add(id);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("ids must be positive integers separated by commas, got '" + p + "'");
            }
        }
        return out;
    }

    /** The {@code set}, {@code iou} and {@code outcome} parameters, or null when no set is named. */
    static OutcomeFilter outcome(Context ctx, Scope scope) {
        String set = ctx.queryParam("set");
        List<String> outcomes = values(ctx, "outcome");
        if (set == null || set.isEmpty()) {
            if (scope == Scope.PREDICTION) {
                throw ApiError.badRequest("scope=prediction needs set (a prediction set name from /api/predictions)");
            }
            if (!outcomes.isEmpty()) {
                throw ApiError.badRequest("outcome needs set (a prediction set name from /api/predictions)");
            }
            return null;
        }
        for (String o : outcomes) {
            if (!OutcomeFilter.NAMES.contains(o)) {
                throw ApiError.badRequest("outcome must be tp, fp, fn, duplicate, wrong_class, localisation or background, got '"
                        + o + "'");
            }
        }
        return new OutcomeFilter(set, EvalCache.tIndex(ctx.queryParam("iou")), outcomes);
    }

    static SearchRequest search(Context ctx) {
        String sort = ctx.queryParam("sort");
        String order = ctx.queryParam("order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiError.badRequest("order must be asc or desc, got '" + order + "'");
        }
        long offset = integer(ctx.queryParam("offset"), "offset", 0);
        long limit = integer(ctx.queryParam("limit"), "limit", 60);
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw ApiError.badRequest("limit must be between 1 and " + SearchRequest.MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw ApiError.badRequest("offset must be >= 0, got " + offset);
        }
        return new SearchRequest(filter(ctx), sort == null || sort.isEmpty() || sort.equals("id") ? null : sort,
                "desc".equals(order), offset, (int) limit);
    }

    static Scope scope(String s) {
        if (s == null || s.isEmpty() || s.equals("image")) {
            return Scope.IMAGE;
        }
        if (s.equals("annotation")) {
            return Scope.ANNOTATION;
        }
        if (s.equals("prediction")) {
            return Scope.PREDICTION;
        }
        throw ApiError.badRequest("scope must be image, annotation or prediction, got '" + s + "'");
    }

    static long integer(String s, String name, long fallback) {
        if (s == null || s.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be an integer, got '" + s + "'");
        }
    }

    /**
     * An int query parameter: outside the int range is a 400 naming it (a cast used to wrap
     * {@code k=4294967297} to 1).
     */
    static int intValue(String s, String name, int fallback) {
        long v = integer(s, name, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw ApiError.badRequest(name + " is out of range, got '" + s + "'");
        }
        return (int) v;
    }

    private static Double number(String s, String where) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw ApiError.badRequest(where + ": bounds must be finite numbers, got '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(where + ": '" + s + "' is not a number");
        }
    }

    private static List<String> values(Context ctx, String name) {
        List<String> v = ctx.queryParams(name).stream().filter(x -> !x.isEmpty()).toList();
        if (v.size() > MAX_VALUES) {
            throw ApiError.badRequest("at most " + MAX_VALUES + " '" + name + "' values, got " + v.size());
        }
        return v;
    }

}
