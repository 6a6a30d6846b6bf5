package dev.loupe.app.issues;

import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import dev.loupe.eval.labels.CrossValidatedProbabilities;
import dev.loupe.eval.labels.LogisticRegression;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Loupe's own out-of-sample classifier: a multinomial logistic regression on the stored
 * embeddings, K-fold cross-validated (seeded), giving each item probabilities from a model that
 * never saw it. Images: the images with exactly one image-level label and an image vector. Crops:
 * every labelled object with a vector and a class.
 */
public final class OwnClassifier {
    /** The default fold count and seed. */
    public static final int FOLDS = 5;
    public static final long SEED = 0;

    private OwnClassifier() {
    }

    /**
     * Out-of-fold probabilities of a set of items.
     *
     * @param model         the embedding model the vectors come from
     * @param itemIds       image ids (image items) or annotation ids (crops)
     * @param imageIds      each item's image
     * @param labels        each item's class index (project classes in id order)
     * @param probabilities [item][class]
     * @param crops         whether the items are object crops (else images)
     * @param dimension     length of the vectors the classifier was fitted on (a model's crop vectors
     *                      may be shorter than its image vectors)
     */
    public record Items(EmbeddingModelInfo model, long[] itemIds, long[] imageIds, int[] labels, double[][] probabilities,
                        boolean crops, int dimension) {
        public int size() {
            return itemIds.length;
        }
    }

    /** The embedding model with the most vectors of the scope, by name if given. */
    public static Optional<EmbeddingModelInfo> model(ProjectStore store, String name, boolean crops) {
        return store.embeddings().models().stream().filter(m -> name == null || m.name().equals(name))
                .filter(m -> crops ? m.objects() > 0 : m.images() > 0)
                .max(Comparator.comparingLong(m -> crops ? m.objects() : m.images()));
    }

    /** Cross-validates on the image vectors of the images with one image-level label; empty when too few. */
    public static Optional<Items> images(ProjectStore store, EmbeddingModelInfo model, int folds, long seed) {
        ProjectLabels project = ProjectLabels.read(store);
        VectorSet vectors = store.embeddings().imageVectors(model.id());
        List<Integer> keep = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            List<Annotation> l = project.byImage().getOrDefault(vectors.ids()[i], List.of()).stream()
                    .filter(a -> a.geometry() instanceof Geometry.ImageLabel && a.categoryId() != null).toList();
            if (l.size() == 1) {
                keep.add(i);
                labels.add(project.classIndex().get(l.get(0).categoryId()));
            }
        }
        return run(model, vectors, keep, labels, project.categories().size(), folds, seed, false);
    }

    /** Cross-validates on the object-crop vectors, each with its annotation's class; empty when too few. */
    public static Optional<Items> crops(ProjectStore store, EmbeddingModelInfo model, int folds, long seed) {
        ProjectLabels project = ProjectLabels.read(store);
        VectorSet vectors = store.embeddings().objectVectors(model.id());
        // Object vectors include image-level labels (their image's vector); those are images(), not crops.
        java.util.Set<Long> boxed = new java.util.HashSet<>();
        project.byImage().values().forEach(l -> l.forEach(a -> {
            if (a.geometry().box() != null) {
                boxed.add(a.id());
            }
        }));
        List<Integer> keep = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            Integer index = project.classIndex().get(vectors.classIds()[i]);
            if (index != null && boxed.contains(vectors.ids()[i])) {
                keep.add(i);
                labels.add(index);
            }
        }
        return run(model, vectors, keep, labels, project.categories().size(), folds, seed, true);
    }

    private static Optional<Items> run(EmbeddingModelInfo model, VectorSet vectors, List<Integer> keep,
                                       List<Integer> labels, int classes, int folds, long seed, boolean crops) {
        if (classes < 2 || keep.size() < 2 * folds || labels.stream().distinct().count() < 2) {
            return Optional.empty();
        }
        int n = keep.size();
        float[][] x = new float[n][];
        long[] ids = new long[n];
        long[] imageIds = new long[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int v = keep.get(i);
            x[i] = vectors.vectors()[v];
            ids[i] = vectors.ids()[v];
            imageIds[i] = vectors.imageIds()[v];
            y[i] = labels.get(i);
        }
        double[][] p = CrossValidatedProbabilities.compute(x, y, classes, folds, seed, LogisticRegression.Params.DEFAULTS);
        return Optional.of(new Items(model, ids, imageIds, y, p, crops, x[0].length));
    }
}
