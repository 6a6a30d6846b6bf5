package dev.loupe.app.similar;

import dev.loupe.app.StoreLender;
import dev.loupe.core.LoupeException;
import dev.loupe.api.Scope;
import dev.loupe.knn.Neighbours;
import dev.loupe.store.browse.SearchPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object crops most similar to an annotation's crop by the cosine similarity of their stored
 * embeddings, searched as {@code annotation.quality} searches them: objects of the same image and
 * objects without a class are skipped. With the neighbours come the weight of each class among
 * them (similarity clipped at 0, as the metric weighs them), so a reviewer sees whether the
 * look-alikes agree with the label and which class they suggest; with k = 10 the share of the
 * annotation's own class is its {@code annotation.quality}.
 */
public final class SimilarObjects {
    private final StoreLender store;
    private final EmbeddingIndexes indexes;

    public SimilarObjects(StoreLender store, EmbeddingIndexes indexes) {
        this.store = store;
        this.indexes = indexes;
    }

    /** One neighbour, most similar first, with what the grid needs to draw its crop. */
    public record Neighbour(int rank, double similarity, SearchPage.Hit item) {
    }

    /** A class's share of the neighbours' clipped similarity. */
    public record ClassShare(String category, double share) {
    }

    /**
     * @param item       the annotation itself, drawable like a search hit
     * @param agreement  its own class's share (null when no neighbour has positive similarity)
     * @param classes    every neighbour class by share, largest first (ties by name)
     */
    public record View(long annotationId, String model, SearchPage.Hit item, Double agreement, List<ClassShare> classes,
                List<Neighbour> neighbours) {
    }

    public View of(long annotationId, int k, String modelName) {
        SimilarImages.checkK(k);
        List<SearchPage.Hit> self = store.with(s -> s.browse().hits(Scope.ANNOTATION, List.of(annotationId), java.util.Collections.<Double>singletonList(null)));
        if (self.isEmpty()) {
            throw LoupeException.notFound("no annotation " + annotationId);
        }
        EmbeddingIndexes.Loaded l = indexes.objects(modelName);
        int row = l.row(annotationId);
        if (row < 0) {
            throw LoupeException.notFound("annotation " + annotationId + " has no crop embedding of " + l.model().name()
                    + " (embed without --no-objects; crops of degenerate boxes are skipped)");
        }
        long[] imageIds = l.keys().imageIds();
        int[] classIds = l.keys().classIds();
        Neighbours nn = l.index().search(l.index().vector(row), k, i -> imageIds[i] == imageIds[row] || classIds[i] < 0);
        List<Long> ids = new ArrayList<>();
        List<Double> similarity = new ArrayList<>();
        for (int i = 0; i < nn.size(); i++) {
            ids.add(l.keys().ids()[nn.rows()[i]]);
            similarity.add((double) nn.similarities()[i]);
        }
        List<SearchPage.Hit> hits = store.with(s -> s.browse().hits(Scope.ANNOTATION, ids, similarity));
        List<Neighbour> neighbours = new ArrayList<>();
        Map<String, Double> weight = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < hits.size(); i++) {
            SearchPage.Hit h = hits.get(i);
            neighbours.add(new Neighbour(i + 1, h.sortValue(), h));
            double w = Math.max(0, h.sortValue());
            weight.merge(h.category(), w, Double::sum);
            total += w;
        }
        List<ClassShare> classes = new ArrayList<>();
        for (Map.Entry<String, Double> e : weight.entrySet()) {
            classes.add(new ClassShare(e.getKey(), total > 0 ? e.getValue() / total : 0));
        }
        classes.sort((a, b) -> a.share() != b.share() ? Double.compare(b.share(), a.share()) : a.category().compareTo(b.category()));
        String own = self.get(0).category();
        Double agreement = total > 0 ? weight.getOrDefault(own, 0.0) / total : null;
        return new View(annotationId, l.model().name(), self.get(0), agreement, classes, neighbours);
    }
}
