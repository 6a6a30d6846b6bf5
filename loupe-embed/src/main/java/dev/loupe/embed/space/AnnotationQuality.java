package dev.loupe.embed.space;

import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import dev.loupe.core.embed.VectorSet;

/**
 * {@code annotation.quality}: how much an object's class agrees with the classes of the K most
 * similar object crops in other images, weighting each neighbour by its cosine similarity:
 * {@code Σ max(s_j, 0)·[class_j = class] / Σ max(s_j, 0)}. 1 = every close-looking object elsewhere
 * has the same class; 0 = none has. Low values point at wrong labels (or at genuinely ambiguous
 * objects).
 *
 * <p><b>K = 10</b>: small enough that the neighbours are still look-alikes in a few-thousand-object
 * dataset, large enough that one odd neighbour moves the score by at most ~0.1 (Encord Active's
 * annotation-quality metric and cleanlab's KNN label-issue score use k of this order). Objects of the
 * same image are not neighbours (overlapping crops of one scene would agree trivially), nor are
 * objects without a class. A class with fewer than K + 1 objects caps its own objects' scores at
 * about (count − 1)/K, so read scores of rare classes with that in mind.
 */
public final class AnnotationQuality {
    public static final int K = 10;
    public static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.quality", "Annotation quality",
            "Similarity-weighted fraction of the " + K + " most similar object crops (embeddings, other images) that have "
                    + "this object's class; 1 = neighbours agree, 0 = none does.",
            ValueKind.UNIT_INTERVAL, MetricDescriptor.ALL_SHAPES, Direction.HIGHER_IS_BETTER)
            // Most objects score 1, so Q1 = Q3 and every other value would count as a severe outlier: the
            // low_annotation_quality rule (< 0.2) is the signal instead.
            .withoutOutliers();

    /**
     * The margin that orders objects tying on {@link #DESCRIPTOR} (stored, so that the web app's
     * sort by quality and exports order them too): many objects score exactly 0 or 1.
     */
    public static final MetricDescriptor MARGIN = MetricDescriptor.annotation("annotation.quality_margin",
            "Annotation quality margin", "Cosine similarity of this object's most similar same-class object crop minus that of "
                    + "its most similar other-class crop (embeddings, other images); orders objects that tie on "
                    + "annotation.quality; below 0 = it looks more like another class.",
            ValueKind.REAL, MetricDescriptor.ALL_SHAPES, Direction.HIGHER_IS_BETTER).withoutOutliers();

    private AnnotationQuality() {
    }

    /** Neighbours must be in another image and have a class. */
    public static NeighbourLists.Exclusion exclusion(VectorSet objects) {
        return (q, c) -> objects.imageIds()[q] == objects.imageIds()[c] || objects.classIds()[c] < 0;
    }

    /**
     * @param quality   one value per object (NaN without a class or without neighbours of positive similarity)
     * @param suggested per object the class with the largest neighbour weight (-1 when none)
     * @param margin    per object the cosine similarity of its most similar same-class object
     *                  in another image minus that of its most similar other-class object; NaN when either
     *                  does not exist or, for an object whose K neighbours all share its class, is not needed
     */
    public record Scores(double[] quality, int[] suggested, double[] margin) {
        /** Rows with a quality, lowest first; ties by margin, smallest first (NaN last), then by row. */
        public java.util.List<Integer> lowestFirst() {
            java.util.List<Integer> rows = new java.util.ArrayList<>();
            for (int i = 0; i < quality.length; i++) {
                if (!Double.isNaN(quality[i])) {
                    rows.add(i);
                }
            }
            rows.sort(order(quality, margin));
            return rows;
        }
    }

    /**
     * The ranking order of rows: quality ascending, then margin ascending with NaN last. Many
     * objects tie at 0 (none of their K look-alikes has their class; 113 on Fashion-MNIST) and
     * at 1; among them the one whose own class is farthest behind the other classes comes first.
     */
    public static java.util.Comparator<Integer> order(double[] quality, double[] margin) {
        return java.util.Comparator.<Integer>comparingDouble(i -> quality[i])
                .thenComparing(i -> Double.isNaN(margin[i]))
                .thenComparingDouble(i -> Double.isNaN(margin[i]) ? 0 : margin[i]);
    }

    /**
     * Scores every object from its neighbour lists. The margin's same-class side is searched in
     * {@code index} (with the {@link #exclusion} and the object's class as filter) only for objects
     * whose K neighbours hold no object of their class, which are the ties at 0.
     */
    public static Scores of(VectorSet objects, NeighbourLists nn, dev.loupe.knn.VectorIndex index) {
        double[] out = new double[objects.size()];
        int[] suggested = new int[objects.size()];
        double[] margin = new double[objects.size()];
        NeighbourLists.Exclusion excluded = exclusion(objects);
        java.util.Map<Integer, Double> weights = new java.util.HashMap<>();
        for (int i = 0; i < out.length; i++) {
            int cls = objects.classIds()[i];
            var l = nn.lists()[i];
            double agree = 0;
            double total = 0;
            weights.clear();
            for (int j = 0; j < l.size(); j++) {
                double w = Math.max(0, l.similarities()[j]);
                int c = objects.classIds()[l.rows()[j]];
                total += w;
                weights.merge(c, w, Double::sum);
                if (c == cls) {
                    agree += w;
                }
            }
            out[i] = cls < 0 || total == 0 ? Double.NaN : agree / total;
            suggested[i] = weights.entrySet().stream().filter(e -> e.getValue() > 0)
                    .max(java.util.Map.Entry.<Integer, Double>comparingByValue().thenComparing(e -> -e.getKey()))
                    .map(java.util.Map.Entry::getKey).orElse(-1);
            margin[i] = cls < 0 ? Double.NaN : margin(i, cls, l, objects, index, excluded);
        }
        return new Scores(out, suggested, margin);
    }

    /**
     * Similarity of the nearest same-class object minus that of the nearest other-class object
     * (both in other images). The neighbour list is most similar first, so the first of each kind in
     * it is the nearest; a same-class object beyond the list is searched for.
     */
    private static double margin(int i, int cls, dev.loupe.knn.Neighbours l, VectorSet objects,
                                 dev.loupe.knn.VectorIndex index, NeighbourLists.Exclusion excluded) {
        double same = Double.NaN;
        double other = Double.NaN;
        for (int j = 0; j < l.size(); j++) {
            boolean sameClass = objects.classIds()[l.rows()[j]] == cls;
            if (sameClass && Double.isNaN(same)) {
                same = l.similarities()[j];
            } else if (!sameClass && Double.isNaN(other)) {
                other = l.similarities()[j];
            }
        }
        if (Double.isNaN(other)) {
            return Double.NaN; // every look-alike agrees: nothing to rank
        }
        if (Double.isNaN(same)) {
            var nearest = index.search(index.vectors().row(i), 1,
                    j -> j == i || excluded.excluded(i, j) || objects.classIds()[j] != cls);
            same = nearest.size() == 0 ? Double.NaN : nearest.similarities()[0];
        }
        return same - other;
    }

}
