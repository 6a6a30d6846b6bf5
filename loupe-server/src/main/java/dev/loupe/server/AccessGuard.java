package dev.loupe.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks every request before it reaches a handler: when a token is set, each /api call must carry
 * {@code Authorization: Bearer TOKEN} (compared in constant time); when the server is bound to
 * loopback, the Host header must name loopback too (so that a web page on another site cannot
 * reach the API through DNS rebinding); a state-changing request must come from the app itself
 * ({@link SameOriginRule}). Adds security headers to every response.
 */
final class AccessGuard {
    /** The headers every response carries, Jetty's own error responses included ({@link JsonErrorHandler}). */
    static final java.util.Map<String, String> SECURITY_HEADERS = java.util.Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; "
                    + "connect-src 'self'; frame-ancestors 'none'");

    private final byte[] token;
    private final boolean loopback;

    AccessGuard(ServerOptions options) {
        this.token = options.token() == null ? null : options.token().getBytes(StandardCharsets.UTF_8);
        this.loopback = ServerOptions.isLoopback(options.host());
    }

    void check(Context ctx) {
        SECURITY_HEADERS.forEach(ctx::header);
        if (loopback && !loopbackHost(ctx.header("Host"))) {
            throw new ApiError(403, "forbidden", "this server only answers requests addressed to localhost");
        }
        if (token != null && AccessGuard.isApi(ctx.path())) {
            String auth = ctx.header("Authorization");
            byte[] given = auth != null && auth.startsWith("Bearer ")
                    ? auth.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (!MessageDigest.isEqual(given, token)) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiError(401, "unauthorized", "this server requires 'Authorization: Bearer TOKEN' on every /api call");
            }
        }
        SameOriginRule.check(ctx);
    }

    /** Whether a path is the API: {@code /api/...}, or a project's {@code /p/NAME/api/...} when several are served. */
    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.matches("/p/[^/]+/api/.*");
    }

    /** Whether a Host header (name[:port]) names loopback: localhost, 127.x.x.x or [::1]. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h.startsWith("[::1]");
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
