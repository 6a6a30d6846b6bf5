package dev.loupe.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a command line of the CLI inside the server's process, for a CLI started while the server
 * holds the project open (DuckDB lets one process write a database file; this one). The CLI
 * supplies the implementation: the server only carries the arguments and the output.
 */
@FunctionalInterface
public interface JobRunner {
    /**
     * @param args the command line as the user typed it (without {@code loupe})
     * @param cwd  the caller's working directory, against which relative paths in {@code args} resolve
     * @param out  the caller's standard output
     * @param err  the caller's standard error
     * @return the exit code the command would have had in the caller's process
     */
    int run(List<String> args, Path cwd, PrintWriter out, PrintWriter err);
}
