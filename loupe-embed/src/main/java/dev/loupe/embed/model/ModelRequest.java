package dev.loupe.embed.model;

import java.nio.file.Path;

/**
 * What {@code loupe embed} hands an {@link EmbeddingModelFactory}.
 *
 * @param argument       the text after {@code ID:} in {@code --model}, or null
 * @param preprocessing  {@code --input-size}, {@code --mean}, {@code --std} (for models that take them; may be null)
 * @param cacheDir       where a model may cache a converted file (null: none)
 * @param intraOpThreads threads per inference call (workers run calls in parallel)
 */
public record ModelRequest(String argument, Preprocessing preprocessing, Path cacheDir, int intraOpThreads) {
    public ModelRequest {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
    }
}
