package dev.loupe.core.metrics.runner;

import dev.loupe.core.image.ImageDecoder;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.core.pipeline.ImagePipeline;
import java.util.List;
import java.util.Map;

/**
 * Runs metrics over a project on the {@link ImagePipeline}: one reading thread pages through the
 * images in id order and hands each image with its pending metrics to a pool of workers (each image
 * decoded once, all its metrics run on it); one writing thread stores results in batches, each
 * batch one transaction.
 * Memory is bounded by the number of images in flight, not by the dataset. Dataset metrics run
 * last, over the stored values (read twice for a {@link DatasetMetric.Rereading} one); their values
 * are held as 16 bytes per item until they are written. Because every batch marks its images done, a killed run resumes
 * where it stopped, and a run with a new metric computes only that metric.
 */
public final class MetricRunner {
    private static final int CHUNK = 256;
    /**
     * Images per write (each one transaction), or what BATCH_MILLIS gathers: about one write a second
     * for small images (128 made ~9 a second at 10^6 images and the writer's upserts and commits took
     * half of a core; 1024 ran 10^5 of those images 1.3-1.5x faster).
     */
    private static final int BATCH = 1024;
    private static final long BATCH_MILLIS = 1000;

    private final MetricRunStore store;
    private final int threads;
    private final ProgressListener progress;
    private final long maxPixels;

    public MetricRunner(MetricRunStore store, int threads, ProgressListener progress) {
        this(store, threads, progress, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels images whose header declares more pixels are not decoded; each is recorded as a failure */
    public MetricRunner(MetricRunStore store, int threads, ProgressListener progress, long maxPixels) {
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
            List<DatasetMetric> dataset = metrics.stream().filter(DatasetMetric.class::isInstance).map(DatasetMetric.class::cast).toList();
            for (int k = 0; k < dataset.size(); k++) {
                progress.datasetMetric(dataset.get(k).descriptor().id(), k + 1, dataset.size());
                runDataset(runId, dataset.get(k));
            }
        } catch (RuntimeException | Error e) {
            store.finishAfter(runId, "failed", e);
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
        ImagePipeline<ImageWork, ImageResult> pipeline = new ImagePipeline<>(
                new ImagePipeline.Settings("loupe-metric", threads, 4, CHUNK, BATCH, BATCH_MILLIS));
        return pipeline.run((after, limit) -> store.nextChunk(after, limit, perItem), analyzer::analyze,
                batch -> store.write(runId, batch), total, progress, start).processed();
    }

    private void runDataset(long runId, DatasetMetric metric) {
        MetricDescriptor d = metric.descriptor();
        ValueBuffer values = new ValueBuffer();
        DatasetMetric.run(metric.start(), consumer -> {
            values.readStarts();
            store.forEachItem(d.scope(), metric.inputs(), (item, inputs) -> {
                values.itemRead();
                consumer.accept(item, inputs);
            });
        }, values);
        store.writeAll(runId, d, values.ids(), values.values(), values.size());
    }
}
