package dev.loupe.bench;

import dev.loupe.eval.performance.Bucketing;
import dev.loupe.eval.performance.ImportanceParams;
import dev.loupe.eval.performance.MetricImportance;
import dev.loupe.eval.performance.PerformanceByMetric;
import dev.loupe.eval.performance.PerformanceWorkload;
import dev.loupe.eval.performance.Slice;
import dev.loupe.eval.performance.SliceParams;
import dev.loupe.eval.performance.WorstSlices;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe bench performance}: the performance-by-data analysis of {@code loupe eval} (recall
 * and precision by metric bucket, metric importance, worst slices of 2 and 3 conditions) on a
 * seeded synthetic workload with a planted weak slice, against one pass over its metric values
 * measured in the same run. The best of a few runs, after the JIT has warmed up.
 */
@Command(name = "performance", mixinStandardHelpOptions = true,
        description = "Time eval's performance-by-data analysis (by metric, importance, worst slices) on synthetic outcomes.")
final class PerformanceBench implements Callable<Integer> {
    @Option(names = "--items", split = ",", defaultValue = "10000,100000",
            description = "items (ground truths or predictions), comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--metrics", defaultValue = "8", description = "metrics per item (default: ${DEFAULT-VALUE})")
    int metrics;

    @Option(names = "--classes", defaultValue = "5", description = "classes (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--repeat", defaultValue = "3", description = "runs per size; the best is printed (default: ${DEFAULT-VALUE})")
    int repeat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 100) || metrics < 1 || classes < 1 || repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--items sizes must be >= 100, --metrics, --classes and --repeat >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Performance-by-data analysis: %d metrics, %d classes, seeded outcomes with a planted weak slice; best of %d, "
                + "1 thread%n", metrics, classes, repeat);
        out.printf("%9s %10s %12s %12s %12s %12s   %s%n", "items", "scan ms", "by metric ms", "importance ms", "slices(2) ms",
                "slices(3) ms", "worst slice found");
        for (int n : sizes) {
            PerformanceWorkload w = PerformanceWorkload.synthetic(n, metrics, classes, 21);
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            String top = "";
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                double sink = scan(w);
                long t1 = System.nanoTime();
                PerformanceByMetric.computeAll(w.metrics(), w.outcome(), w.classIds(), Bucketing.quantiles(10));
                long t2 = System.nanoTime();
                MetricImportance.compute(w.metrics(), w.outcome(), ImportanceParams.defaults());
                long t3 = System.nanoTime();
                List<Slice> slices = WorstSlices.find(w.metrics(), w.outcome(), w.classIds(), null, SliceParams.recallOfObjects());
                long t4 = System.nanoTime();
                WorstSlices.find(w.metrics(), w.outcome(), w.classIds(), null, SliceParams.recallOfObjects().withMaxConditions(3));
                long t5 = System.nanoTime();
                long[] ts = {t0, t1, t2, t3, t4, t5};
                for (int i = 0; i < best.length; i++) {
                    best[i] = Math.min(best[i], (ts[i + 1] - ts[i]) / 1e6);
                }
                top = slices.isEmpty() ? "" : slices.get(0).description();
                if (Double.isNaN(sink)) {
                    throw new IllegalStateException("scan");
                }
            }
            out.printf("%9d %10.2f %12.1f %12.1f %12.1f %12.1f   %s%n", n, best[0], best[1], best[2], best[3], best[4], top);
            out.flush();
        }
        out.println("scan = one pass summing every metric value (the floor of any analysis of these columns, same run).");
        return 0;
    }

    private static double scan(PerformanceWorkload w) {
        double sum = 0;
        for (double[] values : w.metrics().values()) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    sum += v;
                }
            }
        }
        return sum;
    }
}
