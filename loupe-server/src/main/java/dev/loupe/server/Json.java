package dev.loupe.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.loupe.app.BadRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.app.WireJson;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Writes responses and reads request bodies through {@link WireJson}, the mapper the CLI prints
 * with too.
 */
final class Json {
    static final ObjectMapper MAPPER = WireJson.MAPPER;

    private Json() {
    }

    static void send(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static void send(Context ctx, int status, Object value) {
        send(ctx, value);
        ctx.status(status);
    }

    /** Reads the request body as a record; a malformed or {@code null} body is a 400. */
    static <T> T body(Context ctx, Class<T> type) {
        T value;
        try (JsonParser p = MAPPER.createParser(ctx.bodyAsBytes())) {
            try {
                value = MAPPER.readValue(p, type);
            } catch (StreamConstraintsException e) {
                // Jackson's limits carry no location: the parser's is where the limit was reached.
                JsonLocation at = p.currentLocation();
                throw new BadRequest("request body line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + " is beyond a reading limit: " + e.getOriginalMessage().replaceAll(", from `StreamReadConstraints[^`]*`", ""));
            }
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new BadRequest("request body is not a valid " + type.getSimpleName() + " JSON object: " + msg);
        }
        if (value == null) {
            // "null" (or an empty body) reads as no object; it used to surface as a 500
            throw new BadRequest("request body must be a " + type.getSimpleName() + " JSON object, got null");
        }
        return value;
    }
}
