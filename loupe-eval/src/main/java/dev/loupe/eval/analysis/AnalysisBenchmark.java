package dev.loupe.eval.analysis;

import java.util.List;

/**
 * One timed run of every analysis on a workload, for a benchmark command to call (no timing
 * figures belong in unit tests). Each phase is timed with {@link System#nanoTime()}; callers
 * should run it a few times and keep the later runs, after the JIT has warmed up.
 */
public final class AnalysisBenchmark {
    private AnalysisBenchmark() {
    }

    /**
     * Wall-clock time of each analysis, in nanoseconds, and a check value.
     *
     * @param performanceByMetricNanos 10 quantile buckets of every metric, overall and per class
     * @param importanceNanos          {@link MetricImportance} with the default parameters
     * @param worstSlicesNanos         {@link WorstSlices} with up to 2 conditions
     * @param worstSlices3Nanos        {@link WorstSlices} with up to 3 conditions
     * @param topSlice                 the description of the worst slice (the planted one on the
     *                                 synthetic workload), or "" when none
     */
    public record Timings(long performanceByMetricNanos, long importanceNanos, long worstSlicesNanos,
                          long worstSlices3Nanos, String topSlice) {
    }

    /** Runs performance by metric, importance and worst slices (2 and 3 conditions) once each. */
    public static Timings run(AnalysisWorkload w) {
        long t0 = System.nanoTime();
        PerformanceByMetric.computeAll(w.metrics(), w.outcome(), w.classIds(), Bucketing.quantiles(10));
        long t1 = System.nanoTime();
        MetricImportance.compute(w.metrics(), w.outcome(), ImportanceParams.defaults());
        long t2 = System.nanoTime();
        List<Slice> slices = WorstSlices.find(w.metrics(), w.outcome(), w.classIds(), null,
                SliceParams.recallOfObjects());
        long t3 = System.nanoTime();
        WorstSlices.find(w.metrics(), w.outcome(), w.classIds(), null,
                SliceParams.recallOfObjects().withMaxConditions(3));
        long t4 = System.nanoTime();
        return new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3, slices.isEmpty() ? "" : slices.get(0).description());
    }
}
