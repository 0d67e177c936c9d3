package io.batchplane.api;

import io.grpc.Status.Code;

/**
 * The Kubernetes {@code Status} reasons batchplane returns, each with its HTTP code and the gRPC
 * code it travels as. This is the one table that maps between the three.
 */
public enum StatusReason {
    BAD_REQUEST("BadRequest", 400, Code.INVALID_ARGUMENT),
    UNAUTHORIZED("Unauthorized", 401, Code.UNAUTHENTICATED),
    FORBIDDEN("Forbidden", 403, Code.PERMISSION_DENIED),
    NOT_FOUND("NotFound", 404, Code.NOT_FOUND),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405, Code.UNIMPLEMENTED),
    NOT_ACCEPTABLE("NotAcceptable", 406, Code.INVALID_ARGUMENT),
    ALREADY_EXISTS("AlreadyExists", 409, Code.ALREADY_EXISTS),
    CONFLICT("Conflict", 409, Code.ABORTED),
    GONE("Gone", 410, Code.OUT_OF_RANGE),
    EXPIRED("Expired", 410, Code.OUT_OF_RANGE),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413, Code.RESOURCE_EXHAUSTED),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", 415, Code.INVALID_ARGUMENT),
    INVALID("Invalid", 422, Code.INVALID_ARGUMENT),
    TOO_MANY_REQUESTS("TooManyRequests", 429, Code.RESOURCE_EXHAUSTED),
    INTERNAL_ERROR("InternalError", 500, Code.INTERNAL),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, Code.UNAVAILABLE),
    TIMEOUT("Timeout", 504, Code.DEADLINE_EXCEEDED);

    private final String reason;
    private final int httpCode;
    private final Code grpcCode;

    StatusReason(String reason, int httpCode, Code grpcCode) {
        this.reason = reason;
        this.httpCode = httpCode;
        this.grpcCode = grpcCode;
    }

    /** The reason string of the {@code Status} object, e.g. {@code NotFound}. */
    public String reason() {
        return reason;
    }

    public int httpCode() {
        return httpCode;
    }

    public Code grpcCode() {
        return grpcCode;
    }

    /** The reason for a {@code Status.reason} string; unknown strings read as InternalError. */
    public static StatusReason of(String reason) {
        for (StatusReason r : values()) {
            if (r.reason.equals(reason)) {
                return r;
            }
        }
        return INTERNAL_ERROR;
    }

    /** The reason a bare gRPC code (one without a Status in its details) stands for. */
    public static StatusReason ofGrpc(Code code) {
        return switch (code) {
            case NOT_FOUND -> NOT_FOUND;
            case ALREADY_EXISTS -> ALREADY_EXISTS;
            case ABORTED -> CONFLICT;
            case INVALID_ARGUMENT -> BAD_REQUEST;
            case UNAUTHENTICATED -> UNAUTHORIZED;
            case PERMISSION_DENIED -> FORBIDDEN;
            case OUT_OF_RANGE -> EXPIRED;
            case RESOURCE_EXHAUSTED -> TOO_MANY_REQUESTS;
            case UNIMPLEMENTED -> METHOD_NOT_ALLOWED;
            case UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case DEADLINE_EXCEEDED -> TIMEOUT;
            default -> INTERNAL_ERROR;
        };
    }
}
