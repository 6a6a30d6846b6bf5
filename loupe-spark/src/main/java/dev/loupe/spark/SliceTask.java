package dev.loupe.spark;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.store.parquet.ImageRange;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.Function;

/**
 * One partition of a distributed analysis, run on an executor: loads its images (an id range) and
 * their annotations from the job's input tables into a project of its own on local disk, runs the
 * per-item metrics on it with Loupe's metric runner (each image decoded once, a failing metric
 * recorded as a failure of that item), and writes the resulting tables as one Parquet file each,
 * named by the range: a retried or speculative attempt replaces the file, it never adds rows.
 */
final class SliceTask implements Function<ImageRange, SliceReport>, Serializable {
    private static final long serialVersionUID = 1L;
    /** The tables a partition reads: what the metrics see of the project. */
    static final List<String> INPUT = List.of("schema_version", "project_meta", "runs", "categories", "images", "annotations");
    /** The tables a partition writes: the store's own, with the metric values, failures and coverage of its images. */
    static final List<String> OUTPUT = List.of("metric_sets", "image_metrics", "annotation_metrics", "metric_failures",
            "metric_coverage");

    private final JobFolders folders;
    private final List<String> metricIds;
    private final String plugins;
    private final int threads;
    private final long maxPixels;
    private final Map<String, String> parameters;

    SliceTask(Path input, Path output, List<String> metricIds, Path plugins, int threads, long maxPixels,
              Map<String, String> parameters) {
        this(JobFolders.local(input, output), metricIds, plugins, threads, maxPixels, parameters);
    }

    SliceTask(JobFolders folders, List<String> metricIds, Path plugins, int threads, long maxPixels, Map<String, String> parameters) {
        this.folders = folders;
        this.metricIds = List.copyOf(metricIds);
        this.plugins = plugins == null ? null : plugins.toString();
        this.threads = threads;
        this.maxPixels = maxPixels;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public SliceReport call(ImageRange range) throws IOException {
        long start = System.nanoTime();
        Path local = Files.createTempDirectory("loupe-slice-");
        try {
            List<Metric> perItem = perItemMetrics();
            RunReport report;
            double outputSeconds;
            Path input = folders.inputFor(range, local.resolve("input"));
            Path images = folders.images() == null ? null : Files.createDirectories(local.resolve("images"));
            try (ProjectStore store = ProjectStore.attachSlice(local.resolve("project"), input, INPUT, range, images)) {
                if (images != null) {
                    folders.fetchImages(store.labels().images(), images);
                }
                report = new MetricRunner(store.metrics().analysis(), threads, ProgressListener.NONE, maxPixels).run(perItem, parameters);
                if (images != null) {
                    store.exports().replaceInProvenance(images, folders.images());
                }
                Path output = folders.outputFor(local.resolve("output"));
                outputSeconds = store.exports().dumpTables(output, JobFolders.rangeFile(range), OUTPUT).seconds();
                folders.publish(output, JobFolders.rangeFile(range));
            }
            return new SliceReport(range, report.runId(), report.images(), report.analysed(), report.failures(),
                    (System.nanoTime() - start) / 1e9, report.seconds(), outputSeconds);
        } finally {
            deleteRecursively(local);
        }
    }

    /** The registry's per-item metrics of the run (the dataset metrics run on the driver, over every item). */
    private List<Metric> perItemMetrics() {
        MetricRegistry registry = MetricRegistry.withPlugins(plugins == null ? null : Path.of(plugins), SliceTask.class.getClassLoader());
        return registry.select(metricIds).stream().filter(m -> !(m instanceof DatasetMetric)).toList();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
