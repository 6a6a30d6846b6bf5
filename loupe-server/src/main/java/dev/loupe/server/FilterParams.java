package dev.loupe.server;

import dev.loupe.app.BadRequest;
import dev.loupe.api.Scope;
import dev.loupe.app.filter.FilterParameters;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.browse.SearchRequest;
import io.javalin.http.Context;

/**
 * The server's side of the filter language: hands the query string to loupe-app's
 * {@link FilterParameters}, the one parser that the CLI's {@code --where} uses too (its
 * {@link dev.loupe.app.BadRequest} becomes a 400 in {@link ErrorMapper}).
 */
final class FilterParams {
    private FilterParams() {
    }

    static ItemFilter filter(Context ctx) {
        return FilterParameters.filter(ctx.queryParamMap());
    }

    static SearchRequest search(Context ctx) {
        return FilterParameters.search(ctx.queryParamMap());
    }

    static Scope scope(String s) {
        return FilterParameters.scope(s);
    }

    static long integer(String s, String name, long fallback) {
        return FilterParameters.integer(s, name, fallback);
    }

    /**
     * An int query parameter: outside the int range is a 400 naming it (a cast used to wrap
     * {@code k=4294967297} to 1).
     */
    static int intValue(String s, String name, int fallback) {
        long v = integer(s, name, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BadRequest(name + " is out of range, got '" + s + "'");
        }
        return (int) v;
    }

}
