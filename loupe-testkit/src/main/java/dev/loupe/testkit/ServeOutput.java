package dev.loupe.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address a {@code loupe serve} process prints ("Open http://127.0.0.1:PORT/..."), for tests and
 * benchmarks that start the real command (with {@code --port 0}) and then talk to it.
 */
public final class ServeOutput {
    private static final Pattern OPEN = Pattern.compile("^Open (http://127\\.0\\.0\\.1:\\d+/)");

    private ServeOutput() {
    }

    /**
     * Reads the process's output up to the "Open" line and returns its base URL (ending in "/");
     * the rest of the output is drained on a daemon thread so that the server never blocks on a
     * full pipe. Fails with everything the process printed when it ends without that line.
     */
    public static String url(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = OPEN.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "serve-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IllegalStateException("serve printed no URL:\n" + seen);
    }
}
