package dev.loupe.embed.space;

import dev.loupe.core.pipeline.PipelineProgress;
import java.util.function.IntConsumer;

/**
 * Counts the rows whose neighbours are found (images, then objects) and passes the count on to a
 * {@link PipelineProgress} from one thread at a time, at most four times per second and once at the end,
 * so that the console shows the neighbour search as it shows the embedding.
 */
final class RowProgress implements IntConsumer {
    private static final long INTERVAL_NANOS = 250_000_000L;
    private final PipelineProgress listener;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastNanos;

    RowProgress(PipelineProgress listener, long total) {
        this.listener = listener;
        this.total = total;
    }

    @Override
    public synchronized void accept(int rows) {
        done += rows;
        long now = System.nanoTime();
        if (now - lastNanos >= INTERVAL_NANOS || done >= total) {
            lastNanos = now;
            listener.update(done, total, done, done, (now - start) / 1e9);
        }
    }
}
