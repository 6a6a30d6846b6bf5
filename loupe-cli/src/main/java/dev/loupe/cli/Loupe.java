package dev.loupe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loupe} command: main() and the list of subcommands. */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Data quality and model evaluation for computer-vision datasets.",
        subcommands = {InitCommand.class, AnalyzeCommand.class, InfoCommand.class, MetricsCommand.class, EmbedCommand.class, SimilarCommand.class,
                PredictionsCommand.class, EvalCommand.class, IssuesCommand.class, CvCommand.class, QuickstartCommand.class, ServeCommand.class,
                dev.loupe.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a bug: please report it)",
            "2:invalid command line",
            "3:bad input (missing or malformed file, format mismatch)",
            "4:the project already exists",
            "5:the project does not exist",
            "6:the project store could not be read or written"})
public final class Loupe implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main() and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Loupe());
        cl.setExecutionExceptionHandler(new ExitCodes());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
