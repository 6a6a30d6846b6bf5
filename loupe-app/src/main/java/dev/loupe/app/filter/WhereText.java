package dev.loupe.app.filter;

import dev.loupe.app.BadRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The readable form of a filter ({@code loupe export --where}, the API's {@code where} parameter),
 * compiled to the very parameters {@link FilterParameters} reads, so the text and the URL cannot
 * mean different things.
 *
 * <pre>
 * where     := condition ( "and" condition )*
 * condition := METRIC op NUMBER              image.brightness&lt;0.2, annotation.area&gt;=100
 *            | NAME "=" value ( "," value )*  class=WBC,RBC (either), tag=keep, split=val, issue=dark
 * op        := "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "="
 * value     := a word without spaces or commas, or "a quoted text" (\" and \\ escape)
 * </pre>
 * NAME is a filter parameter: {@code scope, class, tag, issue, split, set, iou, outcome, classifier,
 * predicted, wrong, path, ids}. A METRIC is a metric id (it holds a dot). Comparisons become inclusive
 * {@code range} bounds; a strict one moves the bound to the next double ({@code x<0.2} is
 * {@code x<=Math.nextDown(0.2)}), which is exact. {@code and} is the only joiner: values of one name are
 * alternatives, written as a list ({@code class=WBC,RBC}), and naming a list parameter twice is refused
 * rather than read as an intersection the filter cannot express. Without {@code scope} (here or beside the
 * text), a text whose metrics are all {@code annotation.*} (or {@code prediction.*}) filters that scope.
 */
public final class WhereText {
    /** Parameters that take several values (any matches). */
    static final Set<String> LISTS = Set.of("class", "tag", "issue", "split", "outcome", "predicted");
    /** Parameters that take one value. */
    static final Set<String> SINGLE = Set.of("scope", "set", "iou", "classifier", "wrong", "path", "ids");

    private final String text;
    private int pos;

    private WhereText(String text) {
        this.text = text;
    }

    /** The parameters a text means; {@link BadRequest} naming the position and what was expected otherwise. */
    public static Map<String, List<String>> compile(String text) {
        if (text.length() > 10_000) {
            throw new BadRequest("where: at most 10000 characters, got " + text.length());
        }
        return new WhereText(text).parse();
    }

    private Map<String, List<String>> parse() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> metricPrefixes = new ArrayList<>();
        skipSpace();
        if (pos == text.length()) {
            return out;
        }
        while (true) {
            condition(out, metricPrefixes);
            skipSpace();
            if (pos == text.length()) {
                break;
            }
            int at = pos;
            String word = word();
            if (!word.toLowerCase(Locale.ROOT).equals("and")) {
                throw error(at, "expected 'and' between conditions, found '" + (word.isEmpty() ? text.substring(at, at + 1) : word) + "'"
                        + (word.equalsIgnoreCase("or") ? " (for either of several values write NAME=A,B)" : ""));
            }
            skipSpace();
        }
        return out;
    }

    /**
     * The scope a compiled text implies when it names none: annotation (or prediction) when every metric it
     * compares is an {@code annotation.*} (or {@code prediction.*}) metric; else null.
     */
    static String impliedScope(Map<String, List<String>> compiled) {
        List<String> prefixes = compiled.getOrDefault("range", List.of()).stream()
                .map(r -> r.substring(0, Math.max(0, r.indexOf('.')))).distinct().toList();
        return prefixes.size() == 1 && (prefixes.get(0).equals("annotation") || prefixes.get(0).equals("prediction"))
                ? prefixes.get(0) : null;
    }

    private void condition(Map<String, List<String>> out, List<String> metricPrefixes) {
        int at = pos;
        String name = word();
        if (name.isEmpty()) {
            throw error(at, "expected a condition such as image.brightness<0.2 or class=WBC");
        }
        skipSpace();
        int opAt = pos;
        String op = operator();
        if (op == null) {
            throw error(opAt, "expected <, <=, >, >= or = after '" + name + "'");
        }
        skipSpace();
        if (LISTS.contains(name) || SINGLE.contains(name)) {
            if (!op.equals("=")) {
                throw error(opAt, name + " takes '=', not '" + op + "'");
            }
            List<String> values = values(name);
            if (out.containsKey(name)) {
                throw error(at, name + " is named twice; " + (LISTS.contains(name)
                        ? "write " + name + "=A,B to keep items with either" : "it takes one value"));
            }
            if (SINGLE.contains(name) && values.size() > 1 && !name.equals("ids")) {
                throw error(at, name + " takes one value, got " + values.size());
            }
            out.put(name, name.equals("ids") ? List.of(String.join(",", values)) : values);
            return;
        }
        if (name.indexOf('.') < 0) {
            throw error(at, "unknown name '" + name + "': expected a metric id (such as image.brightness) or one of "
                    + "class, tag, issue, split, scope, set, iou, outcome, classifier, predicted, wrong, path, ids");
        }
        int numberAt = pos;
        String literal = value();
        double v;
        try {
            v = Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            throw error(numberAt, name + " " + op + " needs a number, found '" + literal + "'");
        }
        if (!Double.isFinite(v)) {
            throw error(numberAt, name + " " + op + " needs a finite number, found '" + literal + "'");
        }
        String min = switch (op) {
            case ">" -> Double.toString(Math.nextUp(v));
            case ">=", "=" -> Double.toString(v);
            default -> "";
        };
        String max = switch (op) {
            case "<" -> Double.toString(Math.nextDown(v));
            case "<=", "=" -> Double.toString(v);
            default -> "";
        };
        out.computeIfAbsent("range", k -> new ArrayList<>()).add(name + ":" + min + ":" + max);
        metricPrefixes.add(name.substring(0, name.indexOf('.')));
    }

    private List<String> values(String name) {
        List<String> values = new ArrayList<>();
        while (true) {
            int at = pos;
            String v = value();
            if (v.isEmpty()) {
                throw error(at, name + "= needs a value");
            }
            values.add(v);
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            return values;
        }
    }

    /** A quoted text or a bare word (up to a space or comma). */
    private String value() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            int start = pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                sb.append(c);
            }
            throw error(start, "unterminated quote");
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ',') {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** A name: letters, digits, '_', '-' and '.'. */
    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_.-".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String operator() {
        for (String op : List.of("<=", ">=", "<", ">", "=")) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private BadRequest error(int at, String what) {
        return new BadRequest("where: " + what + " at character " + (at + 1) + " of '" + text + "'");
    }
}
