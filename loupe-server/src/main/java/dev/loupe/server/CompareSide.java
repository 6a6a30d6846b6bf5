package dev.loupe.server;

import dev.loupe.app.BadRequest;
import dev.loupe.api.Scope;
import dev.loupe.store.filter.ItemFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a comparison, named in the query string: {@code all}, or terms joined by {@code ;}, each
 * {@code split:NAME}, {@code tag:NAME}, {@code class:NAME}, {@code issue:KIND} or
 * {@code range:METRIC:MIN:MAX} (a bound may be empty), e.g. {@code split:train} or
 * {@code split:valid;class:RBC}. Repeated keys match any of their values, different keys all hold
 * (like {@link ItemFilter}); names are checked by the store against the project.
 */
final class CompareSide {
    static final int MAX_LENGTH = 2000;

    private CompareSide() {
    }

    /**
     * The filter a side names, over the given scope.
     *
     * @param param the query parameter's name (a or b), for messages
     * @throws dev.loupe.app.BadRequest when the side is missing or malformed
     */
    static ItemFilter parse(String param, String text, Scope scope) {
        if (text == null || text.isBlank()) {
            throw new BadRequest(param + " is required: all, or split:NAME, tag:NAME, class:NAME, issue:KIND, "
                    + "range:METRIC:MIN:MAX joined by ';'");
        }
        if (text.length() > MAX_LENGTH) {
            throw new BadRequest(param + " is longer than " + MAX_LENGTH + " characters");
        }
        List<String> splits = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        List<ItemFilter.MetricRange> ranges = new ArrayList<>();
        if (!text.equals("all")) {
            for (String term : text.split(";")) {
                int colon = term.indexOf(':');
                String key = colon < 0 ? term : term.substring(0, colon);
                String value = colon < 0 ? "" : term.substring(colon + 1);
                if (value.isEmpty()) {
                    throw new BadRequest(param + ": term '" + term + "' must be KEY:VALUE (split, tag, class, issue or range)");
                }
                switch (key) {
                    case "split" -> splits.add(value);
                    case "tag" -> tags.add(value);
                    case "class" -> classes.add(value);
                    case "issue" -> issues.add(value);
                    case "range" -> ranges.add(range(param, value));
                    default -> throw new BadRequest(param + ": unknown key '" + key + "' in '" + term
                            + "'; use split, tag, class, issue or range");
                }
            }
        }
        return new ItemFilter(scope, ranges, classes, tags, issues, splits);
    }

    private static ItemFilter.MetricRange range(String param, String value) {
        String[] parts = value.split(":", -1);
        if (parts.length != 3 || parts[0].isBlank()) {
            throw new BadRequest(param + ": range must be range:METRIC:MIN:MAX (a bound may be empty), got 'range:" + value + "'");
        }
        return new ItemFilter.MetricRange(parts[0], bound(param, parts[1]), bound(param, parts[2]));
    }

    private static Double bound(String param, String s) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(param + ": range bound '" + s + "' is not a finite number");
    }
}
