package dev.loupe.cli;

import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Metric;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.store.predictions.PendingPredictionMetrics;
import dev.loupe.store.ProjectStore;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the per-object annotation metrics on the predictions of a set (resumable, like analyze), and
 * completes the passes a killed {@code predictions import} left unfinished.
 */
final class PredictionMetrics {
    private PredictionMetrics() {
    }

    /** Runs the metrics; progress goes to {@code err}, the summary line to {@code out}. */
    static RunReport run(ProjectStore store, Path project, int setId, int threads, PrintWriter out, PrintWriter err,
                         boolean terminal) {
        List<Metric> metrics = Plugins.registry(project.resolve("plugins")).select(null).stream()
                .filter(m -> m instanceof AnnotationMetric).toList();
        RunReport r = new MetricRunner(store.metrics().predictionAnalysis(setId), threads, new ConsoleProgress(err, terminal))
                .run(metrics, Map.of("threads", Integer.toString(threads)));
        out.printf("Ran %d annotation metrics on the predictions of %d images in %.1f s; %d failures%n",
                r.metrics().size(), r.analysed(), r.seconds(), r.failures());
        return r;
    }

    /**
     * Completes the metric pass of every set a killed import left with images without metrics
     * ({@code analyze} and {@code predictions import} call this, so the next one of them finishes it).
     */
    static void completePending(ProjectStore store, Path project, int threads, PrintWriter out, PrintWriter err,
                                boolean terminal) {
        for (PendingPredictionMetrics p : store.predictions().pendingMetrics()) {
            out.printf("Prediction set \"%s\": %d of %d images have no annotation metrics yet (its import was "
                    + "interrupted); completing them.%n", p.name(), p.missing(), p.images());
            run(store, project, p.setId(), threads, out, err, terminal);
        }
    }

    /** A warning for each set with images still without metrics (eval), or nothing. */
    static void warnPending(ProjectStore store, String setName, String project, PrintWriter err) {
        for (PendingPredictionMetrics p : store.predictions().pendingMetrics()) {
            if (p.name().equals(setName)) {
                err.printf("Warning: prediction set \"%s\" has no annotation metrics on %d of its %d images (its import "
                        + "was interrupted); figures by prediction metric leave them out. 'loupe analyze %s' completes "
                        + "them.%n", p.name(), p.missing(), p.images(), project);
                err.flush();
            }
        }
    }
}
