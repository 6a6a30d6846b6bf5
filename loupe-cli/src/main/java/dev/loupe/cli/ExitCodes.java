package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import picocli.CommandLine;

/**
 * The one place that maps failures to exit codes and one-line messages: bad user data
 * ({@link LoupeException}) gets its reason's code and its message, a malformed request
 * ({@link dev.loupe.app.BadRequest}: a bad filter or option value) the invalid-command-line code 2; anything else is a bug and
 * gets code 1 with the stack trace.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
    static final int INTERNAL = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;
    static final int PROJECT_EXISTS = 4;
    static final int PROJECT_NOT_FOUND = 5;
    static final int STORE = 6;

    static int of(LoupeException.Reason reason) {
        return switch (reason) {
            case BAD_INPUT, NOT_FOUND -> BAD_INPUT;
            case PROJECT_EXISTS -> PROJECT_EXISTS;
            case PROJECT_NOT_FOUND -> PROJECT_NOT_FOUND;
            case STORE, READ_ONLY -> STORE;
        };
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (ex instanceof dev.loupe.app.BadRequest bad) {
            cl.getErr().println("loupe: " + bad.getMessage());
            return USAGE;
        }
        if (ex instanceof LoupeException le) {
            cl.getErr().println("loupe: " + le.getMessage());
            return of(le.reason());
        }
        cl.getErr().println("loupe: internal error: " + ex);
        ex.printStackTrace(cl.getErr());
        return INTERNAL;
    }
}
