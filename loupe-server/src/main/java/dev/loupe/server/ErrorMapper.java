package dev.loupe.server;

import dev.loupe.app.NotFound;
import dev.loupe.core.LoupeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps failures to HTTP statuses with a JSON body {@code {error, detail}}:
 * {@link ApiError} keeps its status; loupe-app's {@code NotFound} is 404; bad input from the store (unknown metric, class, issue kind,
 * tag name) and invalid parameters are 400; a missing project is 404; a store failure or a bug is
 * 500 (logged, with a short detail only).
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void install(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> send(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(NotFound.class, (e, ctx) -> send(ctx, 404, "not_found", e.getMessage()));
        routes.exception(LoupeException.class, (e, ctx) -> {
            switch (e.reason()) {
                case BAD_INPUT -> send(ctx, 400, "bad_request", e.getMessage());
                case PROJECT_NOT_FOUND -> send(ctx, 404, "not_found", e.getMessage());
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
