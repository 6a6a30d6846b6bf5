package dev.loupe.app;

import dev.loupe.core.LoupeException;

/**
 * A request for something the project does not hold (an image or annotation id, embeddings of a
 * model). The server maps it to HTTP 404; for the CLI it is bad input (exit code 3). The message
 * says what is missing and, where there is one, what to run to make it.
 */
public final class NotFound extends LoupeException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(Reason.BAD_INPUT, message);
    }
}
