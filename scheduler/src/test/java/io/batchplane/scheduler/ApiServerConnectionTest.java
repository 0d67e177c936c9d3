package io.batchplane.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.api.ResourceType;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ListResponse;
import io.batchplane.api.v1.ResourcesGrpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which bearer token the service presents, and that a ping is an authenticated one-item list. */
class ApiServerConnectionTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @TempDir
    Path dir;

    @Test
    void configuredTokenWinsOverTokenFile() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");
        assertEquals("direct", ApiServerConnection.resolveToken(Optional.of(" direct "), Optional.of(file)));
    }

    @Test
    void blankTokenFallsBackToTrimmedFileContent() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "  from-file\n");
        assertEquals("from-file", ApiServerConnection.resolveToken(Optional.of("  "), Optional.of(file)));
    }

    @Test
    void missingTokenIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ApiServerConnection.resolveToken(Optional.empty(), Optional.empty()));
        assertEquals("no API server token: set batchplane.api-server.token or batchplane.api-server.token-file",
                e.getMessage());
    }

    @Test
    void emptyOrMissingTokenFileIsAnError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThrows(IllegalStateException.class,
                () -> ApiServerConnection.resolveToken(Optional.empty(), Optional.of(empty)));
        assertThrows(UncheckedIOException.class,
                () -> ApiServerConnection.resolveToken(Optional.empty(), Optional.of(dir.resolve("absent"))));
    }

    @Test
    void pingListsOneNamespaceWithTheBearerTokenAndFailsWhenRejected() throws Exception {
        CopyOnWriteArrayList<String> seenAuthorization = new CopyOnWriteArrayList<>();
        CopyOnWriteArrayList<ListRequest> seenRequests = new CopyOnWriteArrayList<>();
        ResourcesGrpc.ResourcesImplBase resources = new ResourcesGrpc.ResourcesImplBase() {
            @Override
            public void list(ListRequest request, StreamObserver<ListResponse> response) {
                seenRequests.add(request);
                response.onNext(ListResponse.newBuilder().setResourceVersion(1).build());
                response.onCompleted();
            }
        };
        ServerInterceptor onlyGoodToken = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String authorization = headers.get(AUTHORIZATION);
                seenAuthorization.add(String.valueOf(authorization));
                if (!"Bearer good".equals(authorization)) {
                    call.close(Status.UNAUTHENTICATED.withDescription("bad token"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, headers);
            }
        };
        Server server = ServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(resources, onlyGoodToken))
                .build()
                .start();
        ApiServerConnection good = new ApiServerConnection(config(server.getPort(), "good"));
        ApiServerConnection bad = new ApiServerConnection(config(server.getPort(), "bad"));
        try {
            good.ping(ResourceType.JOBS, Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(10));
            StatusRuntimeException rejected = assertThrows(StatusRuntimeException.class,
                    () -> bad.ping(ResourceType.JOBS, Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(10)));

            assertEquals(Status.Code.UNAUTHENTICATED, rejected.getStatus().getCode());
            assertEquals(List.of("Bearer good", "Bearer bad"), seenAuthorization);
            assertEquals(1, seenRequests.size());
            assertEquals("jobs", seenRequests.get(0).getResource());
            assertEquals(1, seenRequests.get(0).getLimit());
        } finally {
            good.close();
            bad.close();
            server.shutdownNow();
        }
    }

    private static ApiServerConnection.Config config(int port, String token) {
        return new ApiServerConnection.Config() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int grpcPort() {
                return port;
            }

            @Override
            public Optional<String> token() {
                return Optional.of(token);
            }

            @Override
            public Optional<Path> tokenFile() {
                return Optional.empty();
            }
        };
    }
}
