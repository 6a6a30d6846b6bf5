package dev.loupe.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs {@code loupe bench} in-process and captures exit code, stdout and stderr. */
record BenchRun(int exitCode, String out, String err) {
    static final Path BCCD = shared().resolve("data/bccd/BCCD");
    static final Path VOC100 = shared().resolve("data/voc100");

    static Path shared() {
        return Path.of(System.getProperty("loupe.shared", "/work/shared"));
    }

    /** Runs {@code loupe bench ARGS}. */
    static BenchRun of(String... args) {
        var cl = BenchCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new BenchRun(code, out.toString(), err.toString());
    }
}
