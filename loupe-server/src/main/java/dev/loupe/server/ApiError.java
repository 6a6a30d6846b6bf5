package dev.loupe.server;

/**
 * A refusal of the HTTP layer itself, with its status and a stable error code: a request from
 * another origin or host, without the token, with the wrong content type, for a file outside the
 * images folder or an image no decoder reads. What a use case refuses (a bad parameter, an unknown
 * set) is the application's {@link dev.loupe.core.LoupeException} instead. {@link ErrorMapper}
 * turns both into {@code {"error": code, "detail": message}}.
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

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
