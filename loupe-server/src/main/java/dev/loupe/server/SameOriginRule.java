package dev.loupe.server;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests (POST, PUT, PATCH, DELETE) that a page of another origin could
 * send through the user's browser (CSRF): when the browser says where the request comes from
 * ({@code Sec-Fetch-Site}, {@code Origin}), it must be this server's own origin; and the body must
 * be declared JSON, a type no cross-origin form or "simple" fetch can send without a CORS
 * preflight, which this server never grants. Requests without those headers (curl, scripts) are
 * not from a browser page and pass.
 */
final class SameOriginRule {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** {@code none}: typed in the address bar or a bookmark; {@code same-origin}: the app itself. */
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    private SameOriginRule() {
    }

    static void check(Context ctx) {
        if (!STATE_CHANGING.contains(ctx.method().name())) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !OWN_FETCH_SITES.contains(site.strip().toLowerCase(Locale.ROOT))) {
            throw new ApiError(403, "cross_origin", ctx.method() + " " + ctx.path() + " was sent by a page of another site "
                    + "(Sec-Fetch-Site: " + site + "); only the Loupe app served here may change the project");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameAuthority(origin, ctx.header("Host"))) {
            throw new ApiError(403, "cross_origin", ctx.method() + " " + ctx.path() + " was sent by a page of origin '" + origin
                    + "', not by the Loupe app served at this address; only the app itself may change the project");
        }
        String type = ctx.header("Content-Type");
        if (!isJson(type)) {
            throw new ApiError(415, "unsupported_media_type", ctx.method() + " " + ctx.path() + " takes a JSON body sent with "
                    + "'Content-Type: application/json', got " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
    }

    /** Whether an Origin header (scheme://host[:port]) names the same host and port as the Host header. */
    static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            String authority = new URI(origin.strip()).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false; // "null" (sandboxed or opaque origins) and garbage
        }
    }

    /** Whether a Content-Type is application/json, parameters (charset) aside. */
    static boolean isJson(String type) {
        if (type == null) {
            return false;
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).strip().equalsIgnoreCase("application/json");
    }
}
