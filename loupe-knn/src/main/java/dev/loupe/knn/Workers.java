package dev.loupe.knn;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a range of work in chunks on a fixed number of threads (each thread takes the next chunk until none is left). */
final class Workers {
    private Workers() {
    }

    /** The work of one chunk: items {@code from} (inclusive) to {@code to} (exclusive), on worker {@code worker}. */
    interface Chunk {
        void run(int worker, int from, int to) throws Exception;
    }

    static void forChunks(int n, int chunk, int threads, Chunk work) {
        int workers = Math.max(1, Math.min(threads, (n + chunk - 1) / Math.max(1, chunk)));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "loupe-ivf");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?>[] jobs = new Future<?>[workers];
            for (int w = 0; w < workers; w++) {
                int worker = w;
                jobs[w] = pool.submit(() -> {
                    for (int from = next.getAndAdd(chunk); from < n; from = next.getAndAdd(chunk)) {
                        work.run(worker, from, Math.min(n, from + chunk));
                    }
                    return null;
                });
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.io.IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
