package dev.loupe.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;

/**
 * The one Jackson mapper of the server: writes responses, reads request bodies. Instants (when a
 * prediction set was imported) are ISO-8601 strings.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
        try {
            value = MAPPER.readValue(ctx.bodyAsBytes(), type);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw ApiError.badRequest("request body is not a valid " + type.getSimpleName() + " JSON object: " + msg);
        }
        if (value == null) {
            // "null" (or an empty body) reads as no object; it used to surface as a 500
            throw ApiError.badRequest("request body must be a " + type.getSimpleName() + " JSON object, got null");
        }
        return value;
    }
}
