package io.batchplane.e2e;

import io.batchplane.api.v1.ResourcesGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;

/** A plain gRPC connection to one API server, authenticated with a bearer token. */
public final class Grpc implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final String token;

    public Grpc(int port, String token) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        this.token = token;
    }

    public ResourcesGrpc.ResourcesBlockingStub blocking() {
        return ResourcesGrpc.newBlockingStub(channel).withInterceptors(bearer(token));
    }

    public ResourcesGrpc.ResourcesStub async() {
        return ResourcesGrpc.newStub(channel).withInterceptors(bearer(token));
    }

    public static ClientInterceptor bearer(String token) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        if (token != null) {
                            headers.put(AUTHORIZATION, "Bearer " + token);
                        }
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
    }
}
