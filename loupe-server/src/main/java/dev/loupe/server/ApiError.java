package dev.loupe.server;

/**
 * A request the API refuses, with the HTTP status and a stable error code. {@link ErrorMapper}
 * turns it into {@code {"error": code, "detail": message}}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ApiError(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String detail) {
        return new ApiError(400, "bad_request", detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "not_found", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
