package io.batchplane.apiserver.auth;

import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.batchplane.api.StatusReason;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every gRPC call by its {@code authorization: Bearer <token>} metadata against the
 * {@link TokenFile}. A call without a valid token is closed before any service code runs, with
 * {@code UNAUTHENTICATED} carrying Kubernetes' {@code Unauthorized} Status (HTTP 401 over REST). An
 * authenticated call runs with its {@link UserInfo} in the gRPC {@link Context} under {@link #USER},
 * where the services read it to authorize each request.
 */
public final class GrpcAuthInterceptor implements ServerInterceptor {

    /** The authenticated caller of the current call. */
    public static final Context.Key<UserInfo> USER = Context.key("batchplane-user");

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final String SCHEME = "bearer";

    private final TokenFile tokens;

    public GrpcAuthInterceptor(TokenFile tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Optional<UserInfo> user = bearerToken(headers.get(AUTHORIZATION)).flatMap(tokens::authenticate);
        if (user.isEmpty()) {
            StatusRuntimeException unauthorized =
                    GrpcErrors.toGrpc(ApiException.of(StatusReason.UNAUTHORIZED, "Unauthorized"));
            Metadata trailers = unauthorized.getTrailers() != null ? unauthorized.getTrailers() : new Metadata();
            call.close(unauthorized.getStatus(), trailers);
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(USER, user.get()), call, headers, next);
    }

    /**
     * The token of an {@code Authorization} value: the scheme is matched case-insensitively, as HTTP
     * says, and surrounding blanks are ignored; anything else yields no token.
     */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.trim().split(" +", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        String token = parts[1].trim();
        return token.isEmpty() || token.contains(" ") ? Optional.empty() : Optional.of(token);
    }
}
