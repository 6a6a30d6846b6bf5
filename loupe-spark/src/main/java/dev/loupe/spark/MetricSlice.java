package dev.loupe.spark;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The metric pass of a partition: the registry's per-item metrics of the run (the dataset metrics
 * run on the driver, over every item), each image decoded once, a failing metric recorded as a
 * failure of that item.
 *
 * @param plugins the plugin folder, or null
 */
record MetricSlice(List<String> metricIds, String plugins, int threads, long maxPixels, Map<String, String> parameters)
        implements SliceWork {
    /** The tables a partition reads: what the metrics see of the project. */
    static final List<String> INPUT = List.of("schema_version", "project_meta", "runs", "categories", "images", "annotations");
    /** The tables a partition writes: the store's own, with the metric values, failures and coverage of its images. */
    static final List<String> OUTPUT = List.of("metric_sets", "image_metrics", "annotation_metrics", "metric_failures",
            "metric_coverage");

    MetricSlice {
        metricIds = List.copyOf(metricIds);
        parameters = Map.copyOf(parameters);
    }

    @Override
    public List<String> input() {
        return INPUT;
    }

    @Override
    public List<String> output() {
        return OUTPUT;
    }

    @Override
    public Done run(ProjectStore slice) {
        MetricRegistry registry = MetricRegistry.withPlugins(plugins == null ? null : Path.of(plugins), MetricSlice.class.getClassLoader());
        List<Metric> perItem = registry.select(metricIds).stream().filter(m -> !(m instanceof DatasetMetric)).toList();
        RunReport r = new MetricRunner(slice.metrics().analysis(), threads, ProgressListener.NONE, maxPixels).run(perItem, parameters);
        return new Done(r.runId(), r.images(), r.analysed(), r.failures(), r.seconds());
    }
}
