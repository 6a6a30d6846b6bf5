package dev.loupe.spark;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.runner.MetricRunStore;
import dev.loupe.core.metrics.runner.ImageResult;
import dev.loupe.core.metrics.runner.ImageWork;
import dev.loupe.core.pipeline.WorkPage;
import dev.loupe.store.ProjectStore;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The driver's side of a distributed analysis: the project's own {@link MetricRunStore}, whose
 * {@link #begin} also runs the per-item metrics of every image on the executors (a
 * {@link PartitionStage} of {@link MetricSlice}s) and loads their tables into the project. Loupe's metric
 * runner then finds every image done, runs the dataset metrics over the stored values exactly as
 * in a local run, and finishes the run; so a distributed run records what a local one does.
 */
final class DistributedAnalysis implements MetricRunStore {
    private final MetricRunStore local;
    private final PartitionStage stage;
    private final Function<Map<String, String>, SliceWork> pass;
    private List<SliceReport> reports = List.of();

    /** @param pass the partitions' metric pass, made once the run's parameters are known */
    DistributedAnalysis(ProjectStore project, PartitionStage stage, Function<Map<String, String>, SliceWork> pass) {
        this.local = project.metrics().analysis();
        this.stage = stage;
        this.pass = pass;
    }

    @Override
    public long begin(List<MetricDescriptor> metrics, Map<String, String> parameters) {
        stage.prepare(MetricSlice.INPUT);
        long runId = local.begin(metrics, parameters);
        reports = stage.run(runId, pass.apply(parameters));
        return runId;
    }

    /** The partitions' reports of the last run. */
    List<SliceReport> reports() {
        return reports;
    }

    @Override
    public long imageCount() {
        return local.imageCount();
    }

    @Override
    public WorkPage<ImageWork> nextChunk(long afterImageId, int limit, List<Metric> metrics) {
        return local.nextChunk(afterImageId, limit, metrics);
    }

    @Override
    public void write(long runId, List<ImageResult> results) {
        local.write(runId, results);
    }

    @Override
    public void forEachItem(Scope scope, List<String> inputs, BiConsumer<DatasetMetric.DatasetItem, Object[]> consumer) {
        local.forEachItem(scope, inputs, consumer);
    }

    @Override
    public void writeAll(long runId, MetricDescriptor metric, long[] itemIds, double[] values, int count) {
        local.writeAll(runId, metric, itemIds, values, count);
    }

    @Override
    public long failureCount(long runId) {
        return local.failureCount(runId);
    }

    @Override
    public void finish(long runId, String status, String message) {
        long analysed = reports.stream().mapToLong(SliceReport::analysed).sum();
        local.finish(runId, status, "succeeded".equals(status)
                ? analysed + " images analysed on Spark in " + reports.size() + " partitions, " + failureCount(runId) + " failures"
                : message);
    }
}
