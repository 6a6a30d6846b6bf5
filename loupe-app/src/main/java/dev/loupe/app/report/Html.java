package dev.loupe.app.report;

import java.util.Locale;

/** Escaping and number formatting for the report's HTML. */
final class Html {
    private Html() {
    }

    /** Text content: {@code & < >} escaped, control characters (terminal escapes too) dropped. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (c >= 0x20 && c != 0x7f || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** An attribute value (double-quoted): text escaping plus quotes. */
    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** A number as a person reads it: integers plainly, otherwise 4 significant digits; "–" for missing. */
    static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        if (v.isInfinite()) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", v.longValue());
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String number(double v) {
        return number(Double.valueOf(v));
    }
}
