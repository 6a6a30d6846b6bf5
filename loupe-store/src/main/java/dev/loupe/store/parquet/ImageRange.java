package dev.loupe.store.parquet;

/**
 * Images {@code first} to {@code last} by id, both included: a slice of a project, as one partition
 * of a distributed run reads it.
 */
public record ImageRange(long first, long last) implements java.io.Serializable {
    public ImageRange {
        if (first > last) {
            throw new IllegalArgumentException("empty image range: " + first + " > " + last);
        }
    }
}
