package io.batchplane.apiserver.rest;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.auth.TokenFile;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.grpc.AuthConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Authenticates REST requests by their {@code Authorization: Bearer <token>} header against the
 * same static token file the gRPC endpoint uses. A missing, malformed or unknown token is a 401
 * {@code Unauthorized} Status, as kube-apiserver answers when anonymous requests are disabled.
 */
@ApplicationScoped
public class BearerAuthenticator {

    private static final String PREFIX = "bearer ";

    @Inject
    AuthConfig config;

    private TokenFile tokens;

    @PostConstruct
    void load() {
        tokens = TokenFile.load(config.tokenFile());
    }

    /** The user the header names; throws Unauthorized otherwise. */
    public UserInfo authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= PREFIX.length()
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw unauthorized();
        }
        String token = authorizationHeader.substring(PREFIX.length()).trim();
        return tokens.authenticate(token).orElseThrow(BearerAuthenticator::unauthorized);
    }

    static ApiException unauthorized() {
        return ApiException.of(StatusReason.UNAUTHORIZED, "Unauthorized");
    }
}
