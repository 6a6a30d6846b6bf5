package dev.loupe.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;

/** Shared Jackson streaming set-up and small token readers for the JSON label formats. */
public final class Json {
    /**
     * Accepts NaN and Infinity, which Python's json module writes, so that such values reach the
     * validation and become located issues instead of parse failures.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /** "line L, column C" of a parser location. */
    public static String where(JsonLocation location) {
        return location == null ? null : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * A {@link dev.loupe.core.LoupeException} for a JSON file that cannot be read to its end (a
     * syntax error, a truncated file, or a Jackson limit such as nesting depth or number length),
     * naming the file, the line and column, and what went wrong in the user's words.
     */
    public static dev.loupe.core.LoupeException unreadable(String fileLabel, JsonProcessingException e, JsonParser p) {
        return dev.loupe.core.LoupeException.badInput(fileLabel + " " + position(e, p) + ": " + problem(e)
                + "; nothing was imported");
    }

    /**
     * "line L, column C" of a parse error: the exception's location, else the parser's current one
     * (Jackson's limit errors, {@link StreamConstraintsException}, carry no location).
     */
    public static String position(JsonProcessingException e, JsonParser p) {
        return where(e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : p.currentLocation());
    }

    /**
     * What a parse error means in the user's words: a truncated file, a reading limit with its
     * figures ("beyond a reading limit: Document nesting depth (1001) exceeds the maximum allowed
     * (1000)"), or invalid JSON with Jackson's first line, without its internals.
     */
    public static String problem(JsonProcessingException e) {
        String original = (e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().lines().findFirst().orElse(""))
                // Jackson's internals: where an enclosing array began in its own words, and which setting holds a limit.
                .replaceAll(" \\(for \\w+ starting at \\[Source: [^]]*\\]\\)", "")
                .replaceAll(", from `StreamReadConstraints[^`]*`", "");
        if (original.startsWith("Unexpected end-of-input")) {
            return "the file ends before its JSON is complete (truncated?)";
        }
        return e instanceof StreamConstraintsException ? "beyond a reading limit: " + original : "invalid JSON: " + original;
    }

    /** A JSON pointer segment for an object key (RFC 6901 escaping of '~' and '/'). */
    public static String segment(String key) {
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** What a token is, for "expected X, got Y" messages. */
    public static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** The current value as a double when it is a number (NaN/Infinity included), else null. */
    public static Double number(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        return null;
    }

    /** The current scalar as text for ids (numbers and strings), else null. */
    public static String idText(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : null;
        }
        return null;
    }

    /** A short description of the current token for messages: "string \"abc\"", "array"... */
    public static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "string \"" + abbreviate(p.getText()) + "\"";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + p.getText();
            default -> t.toString();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
