package dev.loupe.cli.bench;

import picocli.CommandLine.Command;

/** {@code loupe bench}: benchmarks that print figures (never timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures; speeds are also given as ratios to a baseline measured in the same run.",
        subcommands = {ImportBench.class, MetricsBench.class, EvalBench.class, EmbedBench.class, ServeBench.class, CvBench.class,
            LabelNoiseBench.class, SelectBench.class, SimilarityBench.class, ScaleBench.class, EmbedAnalysisBench.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
