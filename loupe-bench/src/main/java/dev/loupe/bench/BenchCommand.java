package dev.loupe.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loupe bench}: benchmarks that print figures (never timed unit tests). Their own module and
 * jar ({@code loupe-bench/target/loupe-bench.jar}); the {@code ./loupe} launcher hands
 * {@code loupe bench ...} to it, so the CLI's main code holds only its commands.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures; speeds are also given as ratios to a baseline measured in the same run.",
        subcommands = {ImportBench.class, MetricsBench.class, EvalBench.class, EmbedBench.class, ServeBench.class, CvBench.class,
            LabelNoiseBench.class, SelectBench.class, SimilarityBench.class, ScaleBench.class, PerformanceBench.class, EmbedSpaceBench.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The benchmarks' command line, named as users type it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setCommandName("loupe bench");
        return cl;
    }
}
