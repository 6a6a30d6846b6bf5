package dev.loupe.server;

import dev.loupe.core.LoupeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps failures to HTTP statuses with a JSON body {@code {error, detail}}: the
 * application's {@link LoupeException} by its reason (bad input from the store or a use case, such
 * as an unknown metric, class or tag, and a malformed parameter ({@link dev.loupe.app.BadRequest})
 * are 400; a missing project, set, image or model is 404; a write to a project open read-only is
 * 403; a store failure is 500, logged, with a
 * short detail only); {@link ApiError}, the refusals of the HTTP layer itself (403, 401, 415),
 * keeps its status; any other exception is a bug: 500.
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void install(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> send(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(LoupeException.class, (e, ctx) -> {
            switch (e.reason()) {
                case BAD_INPUT -> send(ctx, 400, "bad_request", e.getMessage());
                case PROJECT_NOT_FOUND, NOT_FOUND -> send(ctx, 404, "not_found", e.getMessage());
                case READ_ONLY -> send(ctx, 403, "read_only", e.getMessage());
                default -> {
                    LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
                    send(ctx, 500, "store", e.getMessage());
                }
            }
        });
        routes.exception(IllegalArgumentException.class, (e, ctx) -> send(ctx, 400, "bad_request", e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), switch (e.getStatus()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            default -> "http_" + e.getStatus();
        }, e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, 500, "internal", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        });
        routes.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (AccessGuard.isApi(ctx.path()) && (type == null || !type.startsWith("application/json"))) {
                send(ctx, 404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path() + "; see /api/openapi.json");
            }
        });
        routes.error(405, ctx -> send(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }

    static void send(Context ctx, int status, String code, String detail) {
        Json.send(ctx, status, new ErrorBody(code, detail == null ? code : detail));
    }
}
