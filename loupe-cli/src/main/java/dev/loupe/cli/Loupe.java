package dev.loupe.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loupe} command: main() and the list of subcommands. */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Data quality and model evaluation for computer-vision datasets.",
        subcommands = {InitCommand.class, FormatsCommand.class, AttachCommand.class, DumpCommand.class, AnalyzeCommand.class, InfoCommand.class, MetricsCommand.class, EmbedCommand.class, SimilarCommand.class,
                PredictionsCommand.class, EvalCommand.class, IssuesCommand.class, CvCommand.class, SelectCommand.class, ExportCommand.class, ReportCommand.class, QuickstartCommand.class, ServeCommand.class,
                SparkCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"%nBenchmarks: ./loupe bench --help (the loupe-bench module, a jar of its own)."},
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

    private final boolean terminal;

    private Loupe(boolean terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, shared by main() and tests: a command on a project that a running
     * {@code loupe serve} holds open is handed to that server ({@link ServerHandOff}).
     */
    public static CommandLine commandLine() {
        CommandLine cl = configured(new Loupe(System.console() != null && !Boolean.getBoolean("loupe.plainProgress")));
        cl.setExecutionStrategy(new ServerHandOff());
        return cl;
    }

    /**
     * The command line that runs a command handed over by another process, inside the server: relative
     * paths resolve against that process's working directory, and progress is plain lines (its output
     * travels over HTTP, not to a terminal).
     */
    static CommandLine forServerJob(Path cwd) {
        CommandLine cl = configured(new Loupe(false));
        cl.registerConverter(Path.class, s -> cwd.resolve(s).normalize());
        return cl;
    }

    private static CommandLine configured(Loupe loupe) {
        CommandLine cl = new CommandLine(loupe);
        cl.setExecutionExceptionHandler(new ExitCodes());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Whether a command's progress may redraw a bar in place (its output is this process's terminal). */
    static boolean terminal(CommandLine.Model.CommandSpec command) {
        return command.root().userObject() instanceof Loupe l && l.terminal;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
