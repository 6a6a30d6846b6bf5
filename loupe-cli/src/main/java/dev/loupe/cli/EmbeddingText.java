package dev.loupe.cli;

import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.embed.space.AnnotationQuality;
import dev.loupe.embed.space.EmbeddingSpace;
import dev.loupe.embed.space.NearDuplicateClusters;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text summary of embedding results: near-duplicate clusters and the lowest annotation quality. */
final class EmbeddingText {
    private static final int SHOWN = 15;
    private final Map<Long, String> paths = new HashMap<>();
    private final Map<Integer, String> classes = new HashMap<>();
    private final Map<Long, String> objects = new HashMap<>();

    EmbeddingText(ProjectStore store) {
        for (ImageRecord r : store.labels().images()) {
            paths.put(r.id(), r.path());
        }
        for (Category c : store.labels().categories()) {
            classes.put(c.id(), c.name());
        }
        store.labels().forEachAnnotation(a -> objects.put(a.id(), classes.getOrDefault(a.categoryId(), "(none)") + " in "
                + paths.get(a.imageId()) + " box " + (a.geometry().box() == null ? "-" : fmt(a.geometry().box()))));
    }

    private static String fmt(dev.loupe.core.geometry.Box b) {
        return String.format("%.0f,%.0f %.0fx%.0f", b.x(), b.y(), b.w(), b.h());
    }

    void print(PrintWriter out, EmbeddingSpace a) {
        Map<Long, List<Integer>> clusters = new TreeMap<>();
        for (int i = 0; i < a.imageIds().length; i++) {
            if (a.clusterId()[i] >= 0) {
                clusters.computeIfAbsent(a.clusterId()[i], k -> new ArrayList<>()).add(i);
            }
        }
        out.printf("Near-duplicate clusters (complete linkage, embedding cosine distance <= %.4f, from this dataset's "
                + "nearest-neighbour distances, median %.4f): %d clusters, %d images%n", a.duplicateThreshold().threshold(),
                a.duplicateThreshold().median(), clusters.size(), clusters.values().stream().mapToInt(List::size).sum());
        clusters.values().stream().limit(SHOWN).forEach(rows -> {
            StringBuilder sb = new StringBuilder("  ");
            for (int r : rows) {
                sb.append(TerminalText.safe(paths.get(a.imageIds()[r]))).append(String.format(" (uniqueness %.3f)  ", a.uniqueness()[r]));
            }
            out.println(sb.toString().stripTrailing());
        });
        List<Integer> rows = a.lowestQualityFirst();
        if (rows.isEmpty()) {
            return;
        }
        out.printf("Lowest annotation quality (agreement with the %d most similar objects in other images):%n", AnnotationQuality.K);
        for (int i : rows.subList(0, Math.min(SHOWN, rows.size()))) {
            out.printf("  %.3f  annotation %d: %s; neighbours mostly %s%n", a.quality()[i], a.annotationIds()[i],
                    TerminalText.safe(objects.get(a.annotationIds()[i])),
                    TerminalText.safe(classes.getOrDefault(a.suggestedClass()[i], "-")));
        }
    }
}
