package dev.loupe.embed.analysis;

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

    private AnnotationQuality() {
    }

    /** Neighbours must be in another image and have a class. */
    public static NeighbourLists.Exclusion exclusion(VectorSet objects) {
        return (q, c) -> objects.imageIds()[q] == objects.imageIds()[c] || objects.classIds()[c] < 0;
    }

    /**
     * @param quality   one value per object (NaN without a class or without neighbours of positive similarity)
     * @param suggested per object the class with the largest neighbour weight (-1 when none)
     */
    public record Scores(double[] quality, int[] suggested) {
    }

    public static Scores of(VectorSet objects, NeighbourLists nn) {
        double[] out = new double[objects.size()];
        int[] suggested = new int[objects.size()];
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
        }
        return new Scores(out, suggested);
    }

}
