package dev.loupe.core;

/**
 * The one unchecked family for bad user data and bad user requests: a missing file, a format
 * mismatch, an existing project. The message must locate the problem (file, line or JSON pointer,
 * value, what was expected). Caller bugs use IllegalArgumentException/IllegalStateException instead.
 * The CLI maps {@link #reason()} to an exit code in one place.
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
        STORE
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

    public Reason reason() {
        return reason;
    }
}
