package dev.loupe.embed.run;

import dev.loupe.api.PixelImage;
import dev.loupe.core.embed.EmbeddingStore;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.image.RefusedImageFile;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.pipeline.ImagePipeline;
import dev.loupe.core.model.Annotation;
import dev.loupe.embed.model.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeds every image of a project and, optionally, every object crop, on the same
 * {@link ImagePipeline} as {@link dev.loupe.core.metrics.runner.MetricRunner}: a reading thread pages through
 * images not yet done for the model; workers (one per thread, each inference single-threaded)
 * decode each image once and embed it and its crops in batches; a writing thread stores results,
 * each batch one transaction that marks its images done. A killed run resumes without
 * recomputing; an image that cannot be read, or a crop outside its image, is recorded and skipped.
 */
public final class EmbeddingRunner {
    private static final int CHUNK = 256;
    private static final int WRITE_BATCH = 64;
    private static final long WRITE_MILLIS = 2000;

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
            store.finishAfter(run.runId(), "failed", e);
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
        ImagePipeline<EmbeddingStore.Task, EmbeddingStore.Result> pipeline = new ImagePipeline<>(
                new ImagePipeline.Settings("loupe-embed", threads, 2, CHUNK, WRITE_BATCH, WRITE_MILLIS));
        return pipeline.run((after, limit) -> store.nextChunk(run.modelId(), after, limit), task -> {
            EmbeddingStore.Result r = embed(task);
            objectCount.addAndGet(r.objects().size());
            failures.addAndGet(r.failures().size());
            return r;
        }, batch -> store.write(run, batch), total, progress, start).processed();
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
}
