package dev.loupe.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads pages of work, processes each item on a pool of workers and writes the results in batches.
 * One reading thread (the caller's) pages through {@link Pages} in image id order; at most
 * {@code threads × inFlightPerThread} items are in flight, so memory is bounded by that and by one
 * page (the page size, or up to {@value #MAX_PAGE_GROWTH} times it after pages without work), not by
 * the dataset; one writing thread hands the results to {@link Writer} in batches of at most
 * {@code writeBatch} items or every {@code writeMillis}. The first failure of a worker or of the
 * writer stops the run and is rethrown; what was written before it stays written.
 *
 * @param <W> an item of work (an image with what is pending for it)
 * @param <R> its result
 */
public final class ImagePipeline<W, R> {
    /** How many page sizes a page grows to after pages without work. */
    static final int MAX_PAGE_GROWTH = 64;

    /** Where the work comes from: the next page after an image id. */
    @FunctionalInterface
    public interface Pages<W> {
        WorkPage<W> next(long afterImageId, int limit);
    }

    /** What a worker does with one item; runs on several threads at once. */
    @FunctionalInterface
    public interface Worker<W, R> {
        R process(W work);
    }

    /** Stores a batch of results (one transaction); called from the writing thread only. */
    @FunctionalInterface
    public interface Writer<R> {
        void write(List<R> batch);
    }

    /**
     * @param name              prefix of the thread names ("loupe-metric", "loupe-embed")
     * @param threads           workers
     * @param inFlightPerThread items read ahead per worker
     * @param pageSize          images scanned per page
     * @param writeBatch        results per write at most
     * @param writeMillis       the longest a result waits for its batch to fill
     */
    public record Settings(String name, int threads, int inFlightPerThread, int pageSize, int writeBatch, long writeMillis) {
        public Settings {
            if (threads < 1 || inFlightPerThread < 1 || pageSize < 1 || writeBatch < 1 || writeMillis < 1) {
                throw new IllegalArgumentException("pipeline settings must be >= 1: " + threads + ", " + inFlightPerThread
                        + ", " + pageSize + ", " + writeBatch + ", " + writeMillis);
            }
        }
    }

    /** @param processed items processed and written in this run; {@code skipped} images scanned with nothing pending */
    public record Counts(long processed, long skipped) {
    }

    private final Settings settings;

    public ImagePipeline(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs until {@code pages} returns a page that scanned nothing.
     *
     * @param total      images the run covers (for progress)
     * @param startNanos when the run started ({@link System#nanoTime()}), for progress
     */
    public Counts run(Pages<W> pages, Worker<W, R> worker, Writer<R> writer, long total, PipelineProgress progress,
                      long startNanos) throws InterruptedException {
        BlockingQueue<Object> results = new ArrayBlockingQueue<>(4 * settings.writeBatch());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong written = new AtomicLong();
        AtomicLong processed = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Thread writerThread = new Thread(() -> writeLoop(results, writer, failure, written), settings.name() + "-writer");
        writerThread.start();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), daemons(settings.name() + "-worker"));
        // Progress from its own thread, so that it moves while the reader waits for free workers.
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemons(settings.name() + "-progress"));
        ticker.scheduleAtFixedRate(() -> progress.update(skipped.get() + processed.get(), total, processed.get(),
                written.get(), seconds(startNanos)), 0, 250, TimeUnit.MILLISECONDS);
        Semaphore inFlight = new Semaphore(settings.inFlightPerThread() * settings.threads());
        long submitted = 0;
        try {
            long after = 0;
            int limit = settings.pageSize();
            while (true) {
                WorkPage<W> page = pages.next(after, limit);
                if (page.scanned() == 0) {
                    break;
                }
                after = page.lastImageId();
                // Images with nothing to do (a re-run, a resume) are paged through in doubling pages, up to
                // MAX_PAGE_GROWTH page sizes: a re-run at 10^6 done images made 3 900 pairs of queries.
                limit = page.work().isEmpty() ? (int) Math.min(2L * limit, (long) MAX_PAGE_GROWTH * settings.pageSize())
                        : settings.pageSize();
                skipped.addAndGet(page.scanned() - page.work().size());
                for (W work : page.work()) {
                    inFlight.acquire();
                    rethrow(failure.get());
                    pool.execute(() -> {
                        try {
                            R r = worker.process(work);
                            processed.incrementAndGet();
                            results.put(r);
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        } finally {
                            inFlight.release();
                        }
                    });
                    submitted++;
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.DAYS);
            results.put(END);
            writerThread.join();
            ticker.shutdownNow();
            ticker.awaitTermination(1, TimeUnit.MINUTES);
        }
        rethrow(failure.get());
        progress.update(skipped.get() + written.get(), total, written.get(), written.get(), seconds(startNanos));
        if (written.get() != submitted) {
            throw new IllegalStateException("wrote " + written.get() + " of " + submitted + " images");
        }
        return new Counts(submitted, skipped.get());
    }

    private static final Object END = new Object();

    @SuppressWarnings("unchecked")
    private void writeLoop(BlockingQueue<Object> results, Writer<R> writer, AtomicReference<Throwable> failure, AtomicLong written) {
        List<R> batch = new ArrayList<>(settings.writeBatch());
        long batchStart = System.currentTimeMillis();
        boolean ended = false;
        try {
            while (true) {
                Object r = results.poll(100, TimeUnit.MILLISECONDS);
                if (r == END) {
                    ended = true;
                    flush(batch, writer, written);
                    return;
                }
                if (r != null) {
                    batch.add((R) r);
                }
                if (batch.size() >= settings.writeBatch()
                        || (!batch.isEmpty() && System.currentTimeMillis() - batchStart > settings.writeMillis())) {
                    flush(batch, writer, written);
                    batchStart = System.currentTimeMillis();
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            // Keep draining so that workers never block on a full queue; when the last batch failed,
            // END has been taken already and nothing more comes (waiting for it hung the run).
            while (!ended) {
                try {
                    if (results.take() == END) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void flush(List<R> batch, Writer<R> writer, AtomicLong written) {
        if (batch.isEmpty()) {
            return;
        }
        writer.write(batch);
        written.addAndGet(batch.size());
        batch.clear();
    }

    private static ThreadFactory daemons(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
