package dev.loupe.app.filter;

import dev.loupe.api.Scope;
import dev.loupe.app.BadRequest;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.store.filter.ClassifierFilter;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.OutcomeFilter;
import dev.loupe.store.browse.SearchRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one parser of Loupe's filter language, from parameters as a query string carries them (name to
 * values, in order), into the store's {@link ItemFilter}: the web app's URL, every API endpoint and
 * {@code loupe export --where} (whose text {@link WhereText} compiles to these same parameters) read
 * filters through it. Framework-free: the server hands it Javalin's query map, the CLI a compiled text.
 *
 * <p>Parameters: {@code scope=image|annotation|prediction}, repeated {@code class}, {@code tag},
 * {@code issue}, {@code split} (any value matches), {@code range=METRIC:MIN:MAX} (repeatable, all hold;
 * a bound may be empty), {@code sort=METRIC} ({@code prediction.score} for predictions),
 * {@code order=asc|desc}, {@code offset}, {@code limit}; outcomes: {@code set} (a prediction set; required
 * for predictions), {@code iou} (grid 0.05..0.95, default 0.5) and repeated {@code outcome} (tp, fp, fn, or
 * an FP reason); {@code ids=1,2,3} (an explicit selection, at most {@link ItemFilter#MAX_IDS});
 * {@code path=TEXT} (images whose path contains the text, ignoring case); {@code classifier=SET} with
 * repeated {@code predicted=CLASS} and {@code wrong=1}; {@code where=TEXT}, the readable form, merged in
 * first. Malformed values throw {@link BadRequest}; names (metrics, classes, issue kinds, splits) are
 * checked by the store against the project.
 */
public final class FilterParameters {
    /** The most values one repeated parameter may have. */
    public static final int MAX_VALUES = 200;

    private FilterParameters() {
    }

    /** The filter the parameters describe (a {@code where} text included). */
    public static ItemFilter filter(Map<String, List<String>> params) {
        Map<String, List<String>> p = withWhere(params);
        Scope scope = scope(first(p, "scope"));
        List<ItemFilter.MetricRange> ranges = new ArrayList<>();
        for (String r : values(p, "range")) {
            String[] parts = r.split(":", -1);
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new BadRequest("range must be METRIC:MIN:MAX (a bound may be empty), got '" + r + "'");
            }
            ranges.add(new ItemFilter.MetricRange(parts[0], number(parts[1], "range " + r), number(parts[2], "range " + r)));
        }
        return new ItemFilter(scope, ranges, values(p, "class"), values(p, "tag"), values(p, "issue"), values(p, "split"),
                outcome(p, scope), ids(first(p, "ids")), path(first(p, "path")), classifier(p));
    }

    /** The sort that keeps the order of the {@code ids} parameter (a ranking the caller made). */
    private static final String IDS_SORT = "ids";

    /** A search: the filter, a sort, a page (sort=ids needs the ids parameter; the store's error names no parameter). */
    public static SearchRequest search(Map<String, List<String>> params) {
        String sort = first(params, "sort");
        String order = first(params, "order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new BadRequest("order must be asc or desc, got '" + order + "'");
        }
        long offset = integer(first(params, "offset"), "offset", 0);
        long limit = integer(first(params, "limit"), "limit", 60);
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new BadRequest("limit must be between 1 and " + SearchRequest.MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new BadRequest("offset must be >= 0, got " + offset);
        }
        ItemFilter filter = filter(params);
        if (IDS_SORT.equals(sort) && filter.ids().isEmpty()) {
            throw new BadRequest("sort=ids keeps the order of the ids parameter, which is missing");
        }
        return new SearchRequest(filter, sort == null || sort.isEmpty() || sort.equals("id") ? null : sort,
                "desc".equals(order), offset, (int) limit);
    }

    /**
     * The parameters with a {@code where} text compiled and merged in: its repeated names add their
     * values, a single-valued name it sets must not disagree with the same parameter given beside it.
     */
    public static Map<String, List<String>> withWhere(Map<String, List<String>> params) {
        List<String> where = params.getOrDefault("where", List.of()).stream().filter(w -> !w.isBlank()).toList();
        if (where.isEmpty()) {
            return params;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!k.equals("where")) {
                out.put(k, new ArrayList<>(v));
            }
        });
        String implied = null;
        for (String text : where) {
            Map<String, List<String>> compiled = WhereText.compile(text);
            implied = implied != null ? implied : WhereText.impliedScope(compiled);
            for (Map.Entry<String, List<String>> e : compiled.entrySet()) {
                List<String> existing = out.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                if (WhereText.SINGLE.contains(e.getKey())) {
                    String given = existing.stream().filter(s -> !s.isEmpty()).findFirst().orElse(null);
                    String wanted = e.getValue().get(0);
                    if (given != null && !given.equals(wanted)) {
                        throw new BadRequest("where sets " + e.getKey() + "=" + wanted + " but the request also has "
                                + e.getKey() + "=" + given);
                    }
                    existing.clear();
                    existing.add(wanted);
                } else {
                    existing.addAll(e.getValue());
                }
            }
        }
        if (implied != null && out.getOrDefault("scope", List.of()).stream().allMatch(String::isEmpty)) {
            out.put("scope", List.of(implied));
        }
        return out;
    }

    /** The {@code classifier}, {@code predicted} and {@code wrong} parameters, or null when no classifier is named. */
    static ClassifierFilter classifier(Map<String, List<String>> p) {
        String set = first(p, "classifier");
        List<String> predicted = values(p, "predicted");
        String wrong = first(p, "wrong");
        if (wrong != null && !wrong.isEmpty() && !wrong.equals("1") && !wrong.equals("0")) {
            throw new BadRequest("wrong must be 1 or 0, got '" + wrong + "'");
        }
        if (set == null || set.isEmpty()) {
            if (!predicted.isEmpty() || "1".equals(wrong)) {
                throw new BadRequest("predicted and wrong need classifier (a classification set name from /api/predictions)");
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
            throw new BadRequest("path must be at most 500 characters, got " + s.length());
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
            throw new BadRequest("at most " + ItemFilter.MAX_IDS + " ids, got " + parts.length
                    + "; tag the items and filter by the tag instead");
        }
        List<Long> out = new ArrayList<>(parts.length);
        for (String part : parts) {
            try {
                long id = Long.parseLong(part.trim());
                if (id < 1) {
                    throw new NumberFormatException();
                }
                out.add(id);
            } catch (NumberFormatException e) {
                throw new BadRequest("ids must be positive integers separated by commas, got '" + part + "'");
            }
        }
        return out;
    }

    /** The {@code set}, {@code iou} and {@code outcome} parameters, or null when no set is named. */
    static OutcomeFilter outcome(Map<String, List<String>> p, Scope scope) {
        String set = first(p, "set");
        List<String> outcomes = values(p, "outcome");
        if (set == null || set.isEmpty()) {
            if (scope == Scope.PREDICTION) {
                throw new BadRequest("scope=prediction needs set (a prediction set name from /api/predictions)");
            }
            if (!outcomes.isEmpty()) {
                throw new BadRequest("outcome needs set (a prediction set name from /api/predictions)");
            }
            return null;
        }
        for (String o : outcomes) {
            if (!OutcomeFilter.NAMES.contains(o)) {
                throw new BadRequest("outcome must be tp, fp, fn, duplicate, wrong_class, localisation or background, got '"
                        + o + "'");
            }
        }
        return new OutcomeFilter(set, tIndex(first(p, "iou")), outcomes);
    }

    /** The grid index of an {@code iou} parameter (0.05, 0.10, ..., 0.95; 0.5 when absent). */
    public static int tIndex(String iouParam) {
        if (iouParam == null || iouParam.isEmpty()) {
            return Thresholds.index(0.5);
        }
        double iou;
        try {
            iou = Double.parseDouble(iouParam);
        } catch (NumberFormatException e) {
            throw new BadRequest("iou must be a number on the grid 0.05, 0.10, ..., 0.95, got '" + iouParam + "'");
        }
        try {
            return Thresholds.index(iou);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("iou: " + e.getMessage());
        }
    }

    /** The scope named by a {@code scope} parameter (image when absent). */
    public static Scope scope(String s) {
        if (s == null || s.isEmpty() || s.equals("image")) {
            return Scope.IMAGE;
        }
        if (s.equals("annotation")) {
            return Scope.ANNOTATION;
        }
        if (s.equals("prediction")) {
            return Scope.PREDICTION;
        }
        throw new BadRequest("scope must be image, annotation or prediction, got '" + s + "'");
    }

    /** An integer parameter, or the fallback when absent. */
    public static long integer(String s, String name, long fallback) {
        if (s == null || s.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be an integer, got '" + s + "'");
        }
    }

    private static Double number(String s, String where) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new BadRequest(where + ": bounds must be finite numbers, got '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequest(where + ": '" + s + "' is not a number");
        }
    }

    private static String first(Map<String, List<String>> p, String name) {
        List<String> v = p.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static List<String> values(Map<String, List<String>> p, String name) {
        List<String> v = p.getOrDefault(name, List.of()).stream().filter(x -> !x.isEmpty()).toList();
        if (v.size() > MAX_VALUES) {
            throw new BadRequest("at most " + MAX_VALUES + " '" + name + "' values, got " + v.size());
        }
        return v;
    }
}
