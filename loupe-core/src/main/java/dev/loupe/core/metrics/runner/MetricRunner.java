package dev.loupe.core.metrics.runner;

import dev.loupe.core.image.ImageDecoder;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs metrics over a project: one reading thread pages through the images in id order and hands
 * each image with its pending metrics to a pool of workers (each image decoded once, all its
 * metrics run on it); one writing thread stores results in batches, each batch one transaction.
 * Memory is bounded by the number of images in flight, not by the dataset. Dataset metrics run
 * last, over the stored values. Because every batch marks its images done, a killed run resumes
 * where it stopped, and a run with a new metric computes only that metric.
 */
public final class MetricRunner {
    private static final int CHUNK = 256;
    private static final int BATCH = 128;
    private static final long BATCH_MILLIS = 1000;

    private final AnalysisStore store;
    private final int threads;
    private final ProgressListener progress;
    private final long maxPixels;

    public MetricRunner(AnalysisStore store, int threads, ProgressListener progress) {
        this(store, threads, progress, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels images whose header declares more pixels are not decoded; each is recorded as a failure */
    public MetricRunner(AnalysisStore store, int threads, ProgressListener progress, long maxPixels) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1: " + maxPixels);
        }
        this.store = store;
        this.threads = threads;
        this.progress = progress;
        this.maxPixels = maxPixels;
    }

    public RunReport run(List<Metric> metrics, Map<String, String> parameters) {
        long start = System.nanoTime();
        List<MetricDescriptor> descriptors = metrics.stream().map(Metric::descriptor).toList();
        List<Metric> perItem = metrics.stream().filter(m -> !(m instanceof DatasetMetric)).toList();
        long runId = store.begin(descriptors, parameters);
        long total = store.imageCount();
        long[] analysed = {0};
        try {
            if (!perItem.isEmpty()) {
                analysed[0] = runPerItem(runId, perItem, total, start);
            }
            for (Metric m : metrics) {
                if (m instanceof DatasetMetric dm) {
                    runDataset(runId, dm);
                }
            }
        } catch (RuntimeException | Error e) {
            store.finish(runId, "failed", e.toString());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.finish(runId, "interrupted", "interrupted");
            throw new IllegalStateException("metric run interrupted", e);
        }
        long failures = store.failureCount(runId);
        double seconds = (System.nanoTime() - start) / 1e9;
        RunReport report = new RunReport(runId, descriptors.stream().map(MetricDescriptor::id).toList(), total,
                analysed[0], failures, seconds);
        store.finish(runId, "succeeded", analysed[0] + " images analysed, " + failures + " failures");
        progress.done(report);
        return report;
    }

    private long runPerItem(long runId, List<Metric> perItem, long total, long start) throws InterruptedException {
        ImageAnalyzer analyzer = new ImageAnalyzer(maxPixels);
        BlockingQueue<ImageResult> results = new ArrayBlockingQueue<>(4 * BATCH);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        AtomicLong written = new AtomicLong();
        AtomicLong analysed = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Thread writer = new Thread(() -> writeLoop(runId, results, writerFailure, written), "loupe-metric-writer");
        writer.start();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-metric-worker");
            t.setDaemon(true);
            return t;
        });
        // Progress from its own thread, so that it moves while the reader waits for free workers.
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loupe-metric-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> progress.update(skipped.get() + analysed.get(), total, analysed.get(),
                written.get(), (System.nanoTime() - start) / 1e9), 0, 250, TimeUnit.MILLISECONDS);
        Semaphore inFlight = new Semaphore(4 * threads);
        AtomicReference<Throwable> workerFailure = new AtomicReference<>();
        long submitted = 0;
        try {
            long after = 0;
            while (true) {
                AnalysisStore.Chunk chunk = store.nextChunk(after, CHUNK, perItem);
                if (chunk.scanned() == 0) {
                    break;
                }
                after = chunk.lastImageId();
                skipped.addAndGet(chunk.scanned() - chunk.work().size());
                for (ImageWork work : chunk.work()) {
                    inFlight.acquire();
                    rethrow(workerFailure.get());
                    rethrow(writerFailure.get());
                    pool.execute(() -> {
                        try {
                            ImageResult r = analyzer.analyze(work);
                            analysed.incrementAndGet();
                            results.put(r);
                        } catch (Throwable t) {
                            workerFailure.compareAndSet(null, t);
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
            results.put(POISON);
            writer.join();
            ticker.shutdownNow();
            ticker.awaitTermination(1, TimeUnit.MINUTES);
        }
        rethrow(workerFailure.get());
        rethrow(writerFailure.get());
        progress.update(skipped.get() + written.get(), total, written.get(), written.get(), (System.nanoTime() - start) / 1e9);
        if (written.get() != submitted) {
            throw new IllegalStateException("wrote " + written.get() + " of " + submitted + " images");
        }
        return submitted;
    }

    private static final ImageResult POISON = new ImageResult(-1, List.of(), List.of(), List.of(), List.of(), List.of());

    private void writeLoop(long runId, BlockingQueue<ImageResult> results, AtomicReference<Throwable> failure, AtomicLong written) {
        List<ImageResult> batch = new ArrayList<>(BATCH);
        long batchStart = System.currentTimeMillis();
        try {
            while (true) {
                ImageResult r = results.poll(100, TimeUnit.MILLISECONDS);
                if (r == POISON) {
                    flush(runId, batch, written);
                    return;
                }
                if (r != null) {
                    batch.add(r);
                }
                if (batch.size() >= BATCH || (!batch.isEmpty() && System.currentTimeMillis() - batchStart > BATCH_MILLIS)) {
                    flush(runId, batch, written);
                    batchStart = System.currentTimeMillis();
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            // Keep draining so that workers never block on a full queue.
            while (true) {
                try {
                    if (results.take() == POISON) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void flush(long runId, List<ImageResult> batch, AtomicLong written) {
        if (batch.isEmpty()) {
            return;
        }
        store.write(runId, batch);
        written.addAndGet(batch.size());
        batch.clear();
    }

    private void runDataset(long runId, DatasetMetric metric) {
        DatasetMetric.Accumulator acc = metric.start();
        store.forEachItem(metric.descriptor().scope(), metric.inputs(), acc::observe);
        long[][] ids = {new long[1024]};
        double[][] values = {new double[1024]};
        int[] n = {0};
        acc.finish((id, value) -> {
            if (n[0] == ids[0].length) {
                ids[0] = java.util.Arrays.copyOf(ids[0], n[0] * 2);
                values[0] = java.util.Arrays.copyOf(values[0], n[0] * 2);
            }
            ids[0][n[0]] = id;
            values[0][n[0]++] = value;
        });
        store.writeAll(runId, metric.descriptor(), ids[0], values[0], n[0]);
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
