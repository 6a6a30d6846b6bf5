package dev.loupe.app.select;

import java.util.Objects;

/**
 * What {@code loupe select} is asked for.
 *
 * @param strategy how to rank the pool
 * @param n        how many images to choose (at least 1)
 * @param setName  the prediction set for uncertainty, or null for the latest one
 * @param poolTag  the pool's tag, or null for the default pool ({@link Pool#of})
 * @param tag      the tag the chosen images get
 * @param model    the embedding model's name for diversity, or null for the one with the most image vectors
 * @param seed     the seed of every random choice
 */
public record SelectRequest(Strategy strategy, int n, String setName, String poolTag, String tag, String model, long seed) {
    public SelectRequest {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(tag, "tag");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }
}
