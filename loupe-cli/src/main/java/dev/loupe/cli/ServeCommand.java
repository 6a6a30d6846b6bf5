package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe serve}: the web app for one or several projects, until interrupted (Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web app (Summary, Explorer, Label quality, Model quality) for a project and print its URL.",
            "Binds 127.0.0.1 by default; another --host needs --token (every API call must then send it)."})
final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 7117;

    @Parameters(arity = "1..*", paramLabel = "PROJECT",
            description = "project folder(s), or a folder of projects; several are served side by side, each at /p/NAME/, "
                    + "with a project switcher in the app")
    List<Path> projects;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "address to bind (default: ${DEFAULT-VALUE}); a non-loopback address requires --token")
    String host;

    @Option(names = "--token", paramLabel = "T",
            description = "bearer token (16+ characters) required on every /api call; default: the LOUPE_TOKEN environment variable")
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String t = token != null ? token : System.getenv("LOUPE_TOKEN");
        ServerOptions options;
        try {
            options = new ServerOptions(host, port, t == null || t.isEmpty() ? null : t);
        } catch (LoupeException e) {
            // a wrong combination of options is a usage error (exit 2), not bad data
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Path> served = ServedProjects.expand(projects);
        LoupeServer server;
        try {
            // Commands that other processes start on this project while it is served run here (ServerHandOff).
            server = LoupeServer.start(served, options,
                    (args, cwd, out, err) -> Loupe.forServerJob(cwd).setOut(out).setErr(err).execute(args.toArray(String[]::new)));
        } catch (LoupeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw LoupeException.badInput("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + rootMessage(e) + " (is the port in use? --port 0 picks a free one)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "loupe-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        server.projects().forEach((dir, path) -> out.printf("Loupe is serving %s%s%n", dir.toAbsolutePath().normalize(),
                served.size() > 1 ? " at " + path : ""));
        out.printf("Open %s%s%n", server.url(), options.token() == null ? "" : "#token=" + options.token());
        if (options.token() != null) {
            out.println("Every /api call needs 'Authorization: Bearer TOKEN'; the link above hands the token to the page.");
        }
        List<Path> readOnly = server.readOnlyProjects();
        for (Path dir : readOnly) {
            out.printf("%s is read-only for this user: the app browses it, tagging is refused, and other commands open it "
                    + "read-only themselves.%n", dir.toAbsolutePath().normalize());
        }
        if (readOnly.size() < served.size()) {
            out.println("Other loupe commands on " + (served.size() == 1 ? "this project" : "the projects you may write")
                    + " (analyze, embed, predictions import, eval, info...) run in this server");
            out.println("while it is up, and the open app picks up their results.");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
