package dev.loupe.embed.tfjs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the value assigned to {@code exports} in a minified browserify bundle, such as nsfwjs's
 * {@code model.min.js} ({@code a.exports={modelTopology:{...}}}) and {@code group1-shard1of1.min.js}
 * ({@code h.exports="<base64>"}). The value is a JavaScript literal, not JSON: keys may be unquoted,
 * numbers may start with a dot, and minifiers write {@code !0}/{@code !1} for true/false. Objects
 * become {@link Map}s (in source order), arrays {@link List}s, numbers {@link Double}s.
 */
final class JsLiteral {
    private final String src;
    private final String name;
    private int pos;

    private JsLiteral(String src, String name, int pos) {
        this.src = src;
        this.name = name;
        this.pos = pos;
    }

    /**
     * The literal of the first {@code .exports=} assignment in the bundle whose value is an object,
     * array or string (the UMD wrapper's {@code module.exports=e()} is skipped).
     */
    static Object exportsOf(String bundle, String name) {
        String marker = ".exports=";
        for (int at = bundle.indexOf(marker); at >= 0; at = bundle.indexOf(marker, at + 1)) {
            int start = at + marker.length();
            if (start < bundle.length() && "{[\"'".indexOf(bundle.charAt(start)) >= 0) {
                return new JsLiteral(bundle, name, start).value();
            }
        }
        throw new IllegalArgumentException(name + ": no '.exports=' assignment of a literal found");
    }

    private Object value() {
        skipSpace();
        char ch = peek();
        switch (ch) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
            case '\'':
                return string();
            case '!':
                pos++;
                char d = next();
                if (d == '0') {
                    return Boolean.TRUE;
                }
                if (d == '1') {
                    return Boolean.FALSE;
                }
                throw error("expected !0 or !1");
            default:
                if (ch == '-' || ch == '.' || Character.isDigit(ch)) {
                    return number();
                }
                String word = identifier();
                switch (word) {
                    case "null":
                        return null;
                    case "true":
                        return Boolean.TRUE;
                    case "false":
                        return Boolean.FALSE;
                    default:
                        throw error("unexpected '" + word + "'");
                }
        }
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            String key = peek() == '"' || peek() == '\'' ? string() : identifier();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array() {
        expect('[');
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        char quote = next();
        int start = pos;
        int end = src.indexOf(quote, start);
        int slash = src.indexOf('\\', start);
        if (end < 0) {
            throw error("unterminated string");
        }
        if (slash < 0 || slash > end) {
            pos = end + 1;
            return src.substring(start, end);
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Double number() {
        int start = pos;
        while (pos < src.length() && "+-.0123456789eE".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return Double.valueOf(src.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad number '" + src.substring(start, pos) + "'");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '$')) {
            pos++;
        }
        if (start == pos) {
            throw error("unexpected character '" + peek() + "'");
        }
        return src.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        if (pos >= src.length()) {
            throw error("unexpected end");
        }
        return src.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(name + " at character " + pos + ": " + what);
    }
}
