package dev.loupe.core;

/**
 * The one unchecked family for bad user data and bad user requests: a missing file, a format
 * mismatch, an existing project. The message must locate the problem (file, line or JSON pointer,
 * value, what was expected). Caller bugs use IllegalArgumentException/IllegalStateException instead.
 * The CLI maps {@link #reason()} to an exit code in one place ({@code ExitCodes}), the server to an HTTP
 * status in one place ({@code ErrorMapper}); use cases in loupe-app throw nothing else.
 */
public class LoupeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request could not be done; each maps to one CLI exit code. */
    public enum Reason {
        /** An input file or folder is missing, unreadable or not in the expected format. */
        BAD_INPUT,
        /** The project folder already exists. */
        PROJECT_EXISTS,
        /** The project folder does not exist or is not a Loupe project. */
        PROJECT_NOT_FOUND,
        /** The project store could not be read or written. */
        STORE,
        /** Something the request names (a prediction set, an image, an embedding model) is not in the project. */
        NOT_FOUND,
        /** A write to a project this user may only read (it was opened read-only). */
        READ_ONLY
    }

    private final Reason reason;

    public LoupeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LoupeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public static LoupeException badInput(String message) {
        return new LoupeException(Reason.BAD_INPUT, message);
    }

    public static LoupeException notFound(String message) {
        return new LoupeException(Reason.NOT_FOUND, message);
    }

    public Reason reason() {
        return reason;
    }
}
