package dev.loupe.formats.masks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/** Small helpers shared by the JSON readers of this package (streaming Jackson, no data binding). */
final class Json {
    /**
     * The parser factory. NaN and Infinity are accepted as numbers because Python's json.dump
     * writes them by default: they are then reported as non-finite values of one box rather than
     * making the whole file unreadable. Immutable and thread-safe once built.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    /** "line 3, column 17" for a parse error, or null when Jackson gives no location. */
    static String location(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 0) {
            return null;
        }
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** A JSON pointer segment for an object key (RFC 6901 escaping of '~' and '/'). */
    static String segment(String key) {
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** What a token is, for "expected X, got Y" messages. */
    static String describe(JsonToken token) {
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
}
