package dev.loupe.app.select;

import dev.loupe.eval.active.Uncertainty;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code loupe select} ranks the pool. */
public enum Strategy {
    /** Entropy of a classification set's class probabilities. */
    ENTROPY("entropy", Uncertainty.ENTROPY, true, false),
    /** 1 - the top class probability of a classification set. */
    LEAST_CONFIDENCE("least-confidence", Uncertainty.LEAST_CONFIDENCE, true, false),
    /** 1 - (top - second) class probability of a classification set. */
    MARGIN("margin", Uncertainty.MARGIN, true, false),
    /** 1 - the mean confidence of a detection set's objects on the image. */
    MEAN_OBJECT_CONFIDENCE("mean-object-confidence", null, true, false),
    /** k-means++ seeding over the image embeddings, around the labelled images; no model needed. */
    DIVERSITY("diversity", null, false, true),
    /** The most uncertain image (margin, or 1 - mean object confidence) of each of N k-means clusters of the embeddings. */
    HYBRID("hybrid", null, true, true),
    /** A seeded uniform sample: the baseline every strategy must beat. */
    RANDOM("random", null, false, false);

    private final String id;
    private final Uncertainty uncertainty;
    private final boolean needsPredictions;
    private final boolean needsEmbeddings;

    Strategy(String id, Uncertainty uncertainty, boolean needsPredictions, boolean needsEmbeddings) {
        this.id = id;
        this.uncertainty = uncertainty;
        this.needsPredictions = needsPredictions;
        this.needsEmbeddings = needsEmbeddings;
    }

    public String id() {
        return id;
    }

    /** The classification score, or null for strategies that are not plain classification uncertainty. */
    public Uncertainty uncertainty() {
        return uncertainty;
    }

    public boolean needsPredictions() {
        return needsPredictions;
    }

    public boolean needsEmbeddings() {
        return needsEmbeddings;
    }

    /** The image metric its scores are stored as, e.g. {@code image.acquisition.least_confidence}. */
    public String metricId() {
        return "image.acquisition." + id.replace('-', '_');
    }

    /** The strategy with this id (case-insensitive). */
    public static Strategy of(String id) {
        for (Strategy s : values()) {
            if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + id + "': "
                + Arrays.stream(values()).map(Strategy::id).collect(Collectors.joining(", ")));
    }
}
