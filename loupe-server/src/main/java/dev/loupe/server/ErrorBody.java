package dev.loupe.server;

/** The JSON body of every error response. */
public record ErrorBody(String error, String detail) {
}
