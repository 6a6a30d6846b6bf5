package dev.loupe.app;

import dev.loupe.core.LoupeException;

/**
 * A request that is wrong in itself, whatever the project holds: a malformed filter parameter or
 * {@code --where} text, an option out of range. The server maps it to HTTP 400 and the CLI to exit
 * code 2 (invalid command line); the message names the parameter, the value and what was expected.
 * Names the request gets right in form but the project does not know (a metric, class or tag) are
 * plain {@link LoupeException#badInput} errors from the store or the use case.
 */
public final class BadRequest extends LoupeException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(Reason.BAD_INPUT, message);
    }
}
