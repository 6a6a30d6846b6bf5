package dev.loupe.app.export;

import java.io.PrintWriter;
import java.util.Map;

/** The text {@code loupe export} prints: what was written where, every loss with its count, how to import it back. */
public final class ExportText {
    private ExportText() {
    }

    public static void print(ExportResult r, PrintWriter out) {
        out.printf("Exported %d images, %d annotations%s as %s to %s%n", r.images(), r.annotations(),
                r.predictions() > 0 ? ", " + r.predictions() + " predictions" : "", r.format().id(), r.out());
        if (!r.splits().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Long> e : r.splits().entrySet()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            }
            out.printf("  splits: %s%n", sb);
        }
        out.printf("  files: %d written%s%n", r.files().size(), r.imageFiles() > 0 ? ", " + r.imageFiles() + " image files" : "");
        if (r.pathsRewritten() > 0) {
            out.printf("  %d image paths rewritten to stay under the output folder, e.g. %s%n", r.pathsRewritten(),
                    String.join("; ", r.rewrittenExamples()));
        }
        if (r.losses().isEmpty()) {
            out.printf("  nothing lost: the format holds every exported label%n");
        } else {
            out.printf("  not kept by %s:%n", r.format().id());
            for (Losses.Loss l : r.losses()) {
                out.printf("    %6d %s%n", l.count(), l.what());
            }
        }
        if (r.reimport() != null) {
            out.printf("  import it back: %s%n", r.reimport());
        }
        out.flush();
    }
}
