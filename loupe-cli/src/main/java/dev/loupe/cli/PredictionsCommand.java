package dev.loupe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code loupe predictions}: import and list a model's prediction sets. */
@Command(name = "predictions", mixinStandardHelpOptions = true,
        description = "Import a model's predictions (named sets) or list the sets of a project.",
        subcommands = {PredictionsImportCommand.class, PredictionsListCommand.class})
final class PredictionsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
