package dev.loupe.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loupe commands run in JVMs of their own (this JVM's class path), so that a command's wall time
 * and peak resident memory ({@code /proc/PID/status} VmHWM, of its JVM and the processes it starts)
 * are its own. They get this JVM's
 * {@code loupe.home} and DuckDB memory limit ({@code -Dloupe.duckdb.memory}) when set.
 *
 * @param xmx the children's {@code -Xmx}, or null for the JVM's default heap (a user's plain run)
 */
record ChildJvm(String xmx) {

    /** One command: wall seconds, peak resident memory of its JVM, and its output. */
    record Run(double seconds, long peakRssMb, String out) {
    }

    /** Runs one loupe command to its end; fails with its output when it fails. */
    Run run(String... args) throws IOException, InterruptedException {
        long t = System.nanoTime();
        Process p = start(List.of(args));
        AtomicLong peak = new AtomicLong();
        Thread rss = rssWatcher(p, peak);
        String output;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            r.lines().forEach(l -> sb.append(l).append('\n'));
            output = sb.toString();
        }
        int exit = p.waitFor();
        rss.join();
        double seconds = (System.nanoTime() - t) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("loupe " + String.join(" ", args) + " exited with " + exit + ":\n" + output);
        }
        return new Run(seconds, peak.get() / 1024, output);
    }

    /** Starts one loupe command, its output and errors on one stream. */
    Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (xmx != null) {
            cmd.add("-Xmx" + xmx);
        }
        for (String property : List.of("loupe.home", dev.loupe.store.ProjectStore.MEMORY_LIMIT_PROPERTY)) {
            String value = System.getProperty(property);
            if (value != null) {
                cmd.add("-D" + property + "=" + value);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.loupe.cli.Loupe"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /**
     * Follows the peak resident set (VmHWM, KB) of a process and of every process it starts (the
     * Spark launcher's JVM) until it ends: each process's peak, added.
     */
    static Thread rssWatcher(Process p, AtomicLong peakKb) {
        Thread t = new Thread(() -> {
            Pattern hwm = Pattern.compile("VmHWM:\\s+(\\d+) kB");
            java.util.Map<Long, Long> peaks = new java.util.HashMap<>();
            while (p.isAlive()) {
                List<ProcessHandle> tree = new ArrayList<>();
                tree.add(p.toHandle());
                p.descendants().forEach(tree::add);
                for (ProcessHandle h : tree) {
                    try {
                        Matcher m = hwm.matcher(Files.readString(Path.of("/proc", Long.toString(h.pid()), "status")));
                        if (m.find()) {
                            peaks.merge(h.pid(), Long.parseLong(m.group(1)), Math::max);
                        }
                    } catch (IOException e) {
                        // ended, or no /proc: its peak stays what was seen
                    }
                }
                peakKb.set(peaks.values().stream().mapToLong(Long::longValue).sum());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
