package dev.loupe.store.metrics;

import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.metrics.runner.MetricRunStore;
import java.nio.file.Path;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** The metrics room: the store side of metric runs, and the project's statistics, findings and metric export. */
public final class Metrics {
    private final DuckDBConnection c;
    private final Path imagesRoot;

    public Metrics(DuckDBConnection c, Path imagesRoot) {
        this.c = c;
        this.imagesRoot = imagesRoot;
    }

    /**
     * The store side of a metric run over this project (see {@link dev.loupe.core.metrics.runner.MetricRunner}).
     * Use one run at a time per project.
     */
    public MetricRunStore analysis() {
        return new LabelMetricStore(c, imagesRoot);
    }

    /**
     * The store side of running the annotation metrics on the predictions of a set (only
     * {@link dev.loupe.api.AnnotationMetric}s; resumable like {@link #analysis()}).
     */
    public MetricRunStore predictionAnalysis(int setId) {
        return new PredictionMetricStore(c, imagesRoot, setId);
    }

    /** Distributions and IQR outliers of every numeric metric of a scope. */
    public List<MetricStats> stats(Scope scope) {
        return new MetricQueries(c).stats(scope);
    }

    /** What each issue rule flags. */
    public List<RuleFinding> findings(List<IssueRule> rules) {
        return new MetricQueries(c).findings(rules);
    }

    /** Writes the metric values of a scope to a CSV or Parquet file; returns the row count. */
    public long export(Scope scope, String format, Path file) {
        return new MetricQueries(c).export(scope, format, file);
    }

    /** The latest analyze run, the stored metrics and the failures. */
    public AnalysisSummary summary() {
        return new AnalysisQuery(c).run();
    }
}
