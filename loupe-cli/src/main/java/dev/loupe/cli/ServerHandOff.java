package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.LoupeException;
import dev.loupe.server.ServerRegistration;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs a {@link ProjectCommand} in the {@code loupe serve} process that holds its project open, when
 * there is one: DuckDB lets a single process write a database file, so instead of failing on the
 * lock the command line travels to the server's job endpoint, runs there against the same database
 * (the web app sees the new data as soon as it is committed), and its output and exit code come
 * back here as if it had run locally. Without a live server the command runs here as usual.
 */
final class ServerHandOff implements CommandLine.IExecutionStrategy {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final CommandLine.IExecutionStrategy local = new CommandLine.RunLast();

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
        Integer help = CommandLine.executeHelpRequest(parseResult);
        if (help != null) {
            return help;
        }
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last.commandSpec().userObject() instanceof ProjectCommand command && command.project() != null) {
            Optional<ServerRegistration> server = ServerRegistration.live(command.project());
            if (server.isPresent()) {
                Integer code;
                try {
                    code = forward(server.get(), parseResult.originalArgs(), command.writesProject(), parseResult.commandSpec().commandLine());
                } catch (LoupeException e) {
                    throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.getMessage(), e);
                }
                if (code != null) {
                    return code;
                }
            }
        }
        return local.execute(parseResult);
    }

    /** The command's exit code from the server, or null when the server cannot be reached (then it runs here). */
    private static Integer forward(ServerRegistration server, List<String> args, boolean writes, CommandLine root) {
        PrintWriter out = root.getOut();
        PrintWriter err = root.getErr();
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(Map.of("args", args, "cwd", Path.of("").toAbsolutePath().toString(), "writes", writes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "jobs"))
                .header("Content-Type", "application/json")
                .header("X-Loupe-Job-Key", server.key())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> response;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            return null;
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "the project is open in 'loupe serve' (PID " + server.pid()
                    + ", " + server.url() + ") but it did not take the command: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        err.println("loupe: the project is open in 'loupe serve' (PID " + server.pid() + "); running this command there");
        err.flush();
        try (DataInputStream in = new DataInputStream(response.body())) {
            if (response.statusCode() != 200) {
                throw new LoupeException(LoupeException.Reason.STORE, "the server of this project (PID " + server.pid()
                        + ") refused the command: HTTP " + response.statusCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            while (true) {
                int type = in.readByte();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                switch (type) {
                    case 1 -> {
                        out.print(new String(payload, StandardCharsets.UTF_8));
                        out.flush();
                    }
                    case 2 -> {
                        err.print(new String(payload, StandardCharsets.UTF_8));
                        err.flush();
                    }
                    case 3 -> {
                        return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
                    }
                    default -> {
                        // heartbeat
                    }
                }
            }
        } catch (EOFException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "the server of this project (PID " + server.pid()
                    + ") stopped before the command finished; run it again (every long command resumes)");
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "lost the server of this project (PID " + server.pid() + "): "
                    + e.getMessage() + "; run the command again (every long command resumes)", e);
        }
    }
}
