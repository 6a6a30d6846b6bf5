package dev.loupe.cli;

import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Metric;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.store.ProjectStore;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the per-object annotation metrics on the predictions of a set (resumable, like analyze). */
final class PredictionMetrics {
    private PredictionMetrics() {
    }

    static RunReport run(ProjectStore store, Path project, int setId, int threads, PrintWriter out, boolean terminal) {
        List<Metric> metrics = Plugins.registry(project.resolve("plugins")).select(null).stream()
                .filter(m -> m instanceof AnnotationMetric).toList();
        RunReport r = new MetricRunner(store.predictionAnalysis(setId), threads, new ConsoleProgress(out, terminal))
                .run(metrics, Map.of("threads", Integer.toString(threads)));
        out.printf("Ran %d annotation metrics on the predictions of %d images in %.1f s; %d failures%n",
                r.metrics().size(), r.analysed(), r.seconds(), r.failures());
        return r;
    }
}
