package dev.loupe.spark;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.runner.MetricRunStore;
import dev.loupe.core.metrics.runner.ImageResult;
import dev.loupe.core.metrics.runner.ImageWork;
import dev.loupe.core.pipeline.WorkPage;
import dev.loupe.store.parquet.ImageRange;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver's side of a distributed analysis: the project's own {@link MetricRunStore}, whose
 * {@link #begin} also runs the per-item metrics of every image on the executors (one
 * {@link SliceTask} per image range) and loads their tables into the project. Loupe's metric
 * runner then finds every image done, runs the dataset metrics over the stored values exactly as
 * in a local run, and finishes the run; so a distributed run records what a local one does.
 */
final class DistributedAnalysis implements MetricRunStore {
    private final MetricRunStore local;
    private final ProjectStore project;
    private final JavaSparkContext spark;
    private final Path work;
    private final JobFolders folders;
    private final int partitions;
    private final SliceTaskFactory tasks;
    private List<SliceReport> reports = List.of();

    /** Makes the partitions' task once the run's parameters are known. */
    interface SliceTaskFactory {
        SliceTask create(JobFolders folders, Map<String, String> parameters);
    }

    /**
     * @param work    a local folder of the driver's
     * @param folders where the partitions read and write: {@code work}'s input and output folders when
     *                they are shared with the executors, else folders on a Hadoop file system that
     *                the driver copies the input to and the output from
     */
    DistributedAnalysis(ProjectStore project, JavaSparkContext spark, Path work, JobFolders folders, int partitions,
                        SliceTaskFactory tasks) {
        this.local = project.metrics().analysis();
        this.project = project;
        this.spark = spark;
        this.work = work;
        this.folders = folders;
        this.partitions = partitions;
        this.tasks = tasks;
    }

    @Override
    public long begin(List<MetricDescriptor> metrics, Map<String, String> parameters) {
        Path input = work.resolve("input");
        Path output = work.resolve("output");
        List<ImageRange> ranges = project.exports().imageRanges(partitions);
        // Before the run starts: a partition's store then gives its run the id the driver's gets.
        project.exports().dumpTables(input, "part-0.parquet",
                SliceTask.INPUT.stream().filter(t -> !JobFolders.RANGED.contains(t)).toList());
        for (ImageRange range : ranges) {
            project.exports().dumpTables(input, JobFolders.rangeFile(range), JobFolders.RANGED, range);
        }
        long runId = local.begin(metrics, parameters);
        if (!ranges.isEmpty()) {
            if (folders.remoteTables()) {
                transfer(() -> folders.files().upload(input, folders.input()), "copy the input tables to " + folders.input());
            }
            reports = spark.parallelize(ranges, ranges.size()).map(tasks.create(folders, parameters)).collect();
            for (SliceReport r : reports) {
                if (r.runId() != runId) {
                    throw new IllegalStateException("partition " + r.range() + " recorded run " + r.runId() + ", the driver " + runId);
                }
            }
            if (folders.remoteTables()) {
                transfer(() -> folders.files().download(folders.output(), output), "copy the output tables from " + folders.output());
            }
            project.exports().load(output, SliceTask.OUTPUT);
        }
        return runId;
    }

    private interface Transfer {
        void run() throws IOException;
    }

    private static void transfer(Transfer t, String what) {
        try {
            t.run();
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot " + what + ": " + e.getMessage(), e);
        }
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
