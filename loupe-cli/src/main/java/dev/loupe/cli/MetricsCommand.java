package dev.loupe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loupe metrics}: the metric catalogue and metric values. */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "List the metrics or export their values.",
        subcommands = {MetricsListCommand.class, MetricsExportCommand.class})
final class MetricsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
