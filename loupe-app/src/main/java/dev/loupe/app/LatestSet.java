package dev.loupe.app;

import dev.loupe.store.predictions.PredictionSetInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The prediction set a command uses when none is named: the latest imported (ties by id). */
public final class LatestSet {
    private LatestSet() {
    }

    /** The latest of {@code sets}, or empty when there is none. */
    public static Optional<PredictionSetInfo> of(List<PredictionSetInfo> sets) {
        return sets.stream().max(Comparator.comparing(PredictionSetInfo::createdAt).thenComparingInt(PredictionSetInfo::id));
    }
}
