package io.batchplane.apiserver.grpc;

import io.batchplane.apiserver.auth.GrpcAuthInterceptor;
import io.batchplane.apiserver.auth.TokenFile;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Authenticates every gRPC call with the configured token file (see {@link GrpcAuthInterceptor}). */
@ApplicationScoped
@GlobalInterceptor
public class AuthenticatingInterceptor implements ServerInterceptor {

    @Inject
    AuthConfig config;

    private GrpcAuthInterceptor delegate;

    @PostConstruct
    void load() {
        delegate = new GrpcAuthInterceptor(TokenFile.load(config.tokenFile()));
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        return delegate.interceptCall(call, headers, next);
    }
}
