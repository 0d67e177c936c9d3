package io.batchplane.apiserver.grpc;

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
import org.eclipse.microprofile.config.ConfigProvider;

/** A blocking gRPC client of the API server under test, with one of the test token file's identities. */
final class GrpcTestClient {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static ManagedChannel channel;

    private GrpcTestClient() {
    }

    static synchronized ResourcesGrpc.ResourcesBlockingStub as(String token) {
        if (channel == null) {
            int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
            channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext()
                    .maxInboundMessageSize(16 * 1024 * 1024).build();
        }
        return ResourcesGrpc.newBlockingStub(channel).withInterceptors(new ClientInterceptor() {
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
        });
    }
}
