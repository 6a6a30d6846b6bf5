package dev.loupe.app.issues;

import java.io.PrintWriter;
import java.util.Locale;

/** The text table of {@code loupe issues}. */
public final class IssuesText {
    private static final int REASON_WIDTH = 90;

    private IssuesText() {
    }

    public static void print(IssueRanking.Ranking r, PrintWriter out) {
        out.printf("Issues: %d%s%s%n", r.total(), r.entries().size() < r.total() ? ", showing the first "
                + r.entries().size() + " (--limit)" : "", r.set() == null ? "" : "; label issues from prediction set \""
                + r.set() + "\" (" + r.method() + ")");
        r.notes().forEach(n -> out.println("  note: " + n));
        if (r.entries().isEmpty()) {
            return;
        }
        int kindWidth = Math.max(4, r.entries().stream().mapToInt(e -> e.kind().length()).max().orElse(4));
        int imageWidth = Math.min(40, Math.max(5, r.entries().stream().mapToInt(e -> e.image().length()).max().orElse(5)));
        String row = "  %5s  %-" + kindWidth + "s %6s  %-" + imageWidth + "s %7s  %-12s %-12s %s%n";
        out.println();
        out.printf(row, "rank", "kind", "score", "image", "object", "given", "suggested", "reason");
        for (IssueEntry e : r.entries()) {
            out.printf(row, e.rank(), e.kind(), e.score() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.score()),
                    clip(e.image(), imageWidth), e.annotationId() == null ? "-" : "#" + e.annotationId(),
                    clip(e.givenLabel() == null ? "-" : e.givenLabel(), 12),
                    clip(e.suggestedLabel() == null ? "-" : e.suggestedLabel(), 12), clip(e.reason(), REASON_WIDTH));
        }
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : "..." + s.substring(s.length() - width + 3);
    }
}
