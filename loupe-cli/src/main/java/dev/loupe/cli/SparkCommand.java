package dev.loupe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loupe spark}: runs Loupe's Spark jobs locally (the module loupe-spark, started in its own JVM). */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Run a Loupe Spark job on this machine, e.g. 'loupe spark analyze --master local[4] ...'.",
            "The arguments are the job's own, as given to spark-submit; 'loupe spark analyze --help' lists them.",
            "Needs the loupe-spark module built (mvn -B -DskipTests package)."},
        subcommands = {SparkAnalyzeLauncher.class, CommandLine.HelpCommand.class})
final class SparkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
