package dev.loupe.embed.run;

import dev.loupe.api.PixelImage;
import dev.loupe.core.embed.EmbeddingStore;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.image.RefusedImageFile;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.model.Annotation;
import dev.loupe.embed.model.EmbeddingModel;
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
 * Embeds every image of a project and, optionally, every object crop, the way
 * {@link dev.loupe.core.metrics.runner.MetricRunner} runs metrics: a reading thread pages through
 * images not yet done for the model; workers (one per thread, each inference single-threaded)
 * decode each image once and embed it and its crops in batches; a writing thread stores results,
 * each batch one transaction that marks its images done. A killed run resumes without
 * recomputing; an image that cannot be read, or a crop outside its image, is recorded and skipped.
 */
public final class EmbeddingRunner {
    private static final int CHUNK = 256;
    private static final int WRITE_BATCH = 64;
    private static final long WRITE_MILLIS = 2000;
    private static final EmbeddingStore.Result POISON = new EmbeddingStore.Result(-1, null, List.of(), List.of());

    private final EmbeddingStore store;
    private final EmbeddingModel model;
    private final int threads;
    private final int batch;
    private final boolean objects;
    private final ProgressListener progress;
    private final long maxPixels;

    /**
     * @param threads workers (each runs its own inference calls)
     * @param batch   crops per inference call
     * @param objects whether to embed object crops as well as images
     */
    public EmbeddingRunner(EmbeddingStore store, EmbeddingModel model, int threads, int batch, boolean objects, ProgressListener progress) {
        this(store, model, threads, batch, objects, progress, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels images whose header declares more pixels are not decoded; each is recorded as a failure */
    public EmbeddingRunner(EmbeddingStore store, EmbeddingModel model, int threads, int batch, boolean objects, ProgressListener progress,
                           long maxPixels) {
        if (threads < 1 || batch < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("threads, batch and maxPixels must be >= 1");
        }
        this.maxPixels = maxPixels;
        this.store = store;
        this.model = model;
        this.threads = threads;
        this.batch = batch;
        this.objects = objects;
        this.progress = progress;
    }

    public EmbedReport run(Map<String, String> parameters) {
        long start = System.nanoTime();
        Map<String, String> params = new java.util.TreeMap<>(parameters);
        params.put("image_dimension", Integer.toString(model.dimension()));
        params.put("object_dimension", Integer.toString(model.objectDimension()));
        EmbeddingStore.Run run = store.begin(model.name(), model.dimension(), model.description(), params);
        long total = store.imageCount();
        AtomicLong objectCount = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long embedded;
        try {
            embedded = loop(run, total, start, objectCount, failures);
        } catch (RuntimeException | Error e) {
            store.finish(run.runId(), "failed", e.toString());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.finish(run.runId(), "interrupted", "interrupted");
            throw new IllegalStateException("embedding run interrupted", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EmbedReport report = new EmbedReport(run.runId(), model.name(), total, embedded, objectCount.get(), failures.get(), seconds);
        store.finish(run.runId(), "succeeded", embedded + " images and " + objectCount.get() + " objects embedded, "
                + failures.get() + " failures");
        return report;
    }

    private long loop(EmbeddingStore.Run run, long total, long start, AtomicLong objectCount, AtomicLong failures)
            throws InterruptedException {
        BlockingQueue<EmbeddingStore.Result> results = new ArrayBlockingQueue<>(4 * WRITE_BATCH);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong written = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Thread writer = new Thread(() -> writeLoop(run, results, failure, written), "loupe-embed-writer");
        writer.start();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-embed-worker");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loupe-embed-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> progress.update(skipped.get() + done.get(), total, done.get(), written.get(),
                (System.nanoTime() - start) / 1e9), 0, 250, TimeUnit.MILLISECONDS);
        Semaphore inFlight = new Semaphore(2 * threads);
        long submitted = 0;
        try {
            long after = 0;
            while (true) {
                EmbeddingStore.Chunk chunk = store.nextChunk(run.modelId(), after, CHUNK);
                if (chunk.scanned() == 0) {
                    break;
                }
                after = chunk.lastImageId();
                skipped.addAndGet(chunk.scanned() - chunk.work().size());
                for (EmbeddingStore.Task task : chunk.work()) {
                    inFlight.acquire();
                    rethrow(failure.get());
                    pool.execute(() -> {
                        try {
                            EmbeddingStore.Result r = embed(task);
                            objectCount.addAndGet(r.objects().size());
                            failures.addAndGet(r.failures().size());
                            done.incrementAndGet();
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
            results.put(POISON);
            writer.join();
            ticker.shutdownNow();
            ticker.awaitTermination(1, TimeUnit.MINUTES);
        }
        rethrow(failure.get());
        progress.update(skipped.get() + written.get(), total, written.get(), written.get(), (System.nanoTime() - start) / 1e9);
        if (written.get() != submitted) {
            throw new IllegalStateException("wrote " + written.get() + " of " + submitted + " images");
        }
        return submitted;
    }

    /** Decodes one image and embeds it and its object crops. */
    EmbeddingStore.Result embed(EmbeddingStore.Task task) {
        long imageId = task.image().id();
        PixelImage image;
        try {
            image = task.folder().decode(task.image().path(), maxPixels);
        } catch (Exception | OutOfMemoryError e) {
            String msg = e instanceof RefusedImageFile ? "not decoded: " + e.getMessage()
                    : task.image().path() + ": cannot decode: " + e.getMessage();
            return new EmbeddingStore.Result(imageId, null, List.of(), List.of(new EmbeddingStore.Failure("image", imageId, msg)));
        }
        List<PixelImage> inputs = new ArrayList<>();
        List<Long> annotationIds = new ArrayList<>();
        List<EmbeddingStore.Failure> failures = new ArrayList<>();
        if (objects) {
            for (Annotation a : task.annotations()) {
                if (a.geometry().box() == null) {
                    continue;
                }
                PixelImage crop = ObjectCrop.of(image, a.geometry().box());
                if (crop == null) {
                    failures.add(new EmbeddingStore.Failure("annotation", a.id(), task.image().path() + ": annotation " + a.id()
                            + " box " + a.geometry().box() + " has no pixels inside the " + image.width() + "x" + image.height() + " image"));
                    continue;
                }
                inputs.add(crop);
                annotationIds.add(a.id());
            }
        }
        // The whole image and its crops may get different features (EmbeddingModel#embedObjects).
        float[] imageVector = model.embed(List.of(image))[0];
        float[][] vectors = new float[inputs.size()][];
        for (int from = 0; from < inputs.size(); from += batch) {
            int to = Math.min(inputs.size(), from + batch);
            float[][] out = model.embedObjects(inputs.subList(from, to));
            System.arraycopy(out, 0, vectors, from, out.length);
        }
        List<EmbeddingStore.ObjectVector> objectVectors = new ArrayList<>(annotationIds.size());
        for (int i = 0; i < annotationIds.size(); i++) {
            objectVectors.add(new EmbeddingStore.ObjectVector(annotationIds.get(i), vectors[i]));
        }
        return new EmbeddingStore.Result(imageId, imageVector, objectVectors, failures);
    }

    private void writeLoop(EmbeddingStore.Run run, BlockingQueue<EmbeddingStore.Result> results, AtomicReference<Throwable> failure,
                           AtomicLong written) {
        List<EmbeddingStore.Result> pending = new ArrayList<>(WRITE_BATCH);
        long batchStart = System.currentTimeMillis();
        try {
            while (true) {
                EmbeddingStore.Result r = results.poll(100, TimeUnit.MILLISECONDS);
                if (r == POISON) {
                    flush(run, pending, written);
                    return;
                }
                if (r != null) {
                    pending.add(r);
                }
                if (pending.size() >= WRITE_BATCH || (!pending.isEmpty() && System.currentTimeMillis() - batchStart > WRITE_MILLIS)) {
                    flush(run, pending, written);
                    batchStart = System.currentTimeMillis();
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
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

    private void flush(EmbeddingStore.Run run, List<EmbeddingStore.Result> pending, AtomicLong written) {
        if (pending.isEmpty()) {
            return;
        }
        store.write(run, pending);
        written.addAndGet(pending.size());
        pending.clear();
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
