package dev.loupe.cli;

/**
 * Text from a dataset (class names, file names, issue messages that quote them) made safe to print
 * on a terminal: control characters become visible escapes, so a name cannot move the cursor,
 * recolour or clear the screen (ESC sequences), or break a table row (newlines).
 */
final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} with C0 controls, DEL and C1 controls written as {@code \n}, {@code \t}, {@code \r} or {@code \xHH}; null stays null. */
    static String safe(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!control) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else {
                sb.append(String.format("\\x%02X", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
