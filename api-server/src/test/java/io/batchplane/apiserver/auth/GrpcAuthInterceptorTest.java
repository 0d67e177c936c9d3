package io.batchplane.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the interceptor through a real gRPC server and client (Netty on a loopback port picked by the
 * OS): the service behind it echoes the caller it finds in the context, and counts its invocations so
 * the tests can show a rejected call never reaches it.
 */
class GrpcAuthInterceptorTest {

    @TempDir
    static Path dir;

    private static Server server;
    private static ManagedChannel channel;
    private static final AtomicInteger SERVED = new AtomicInteger();

    /** Answers Get with the caller's name and groups, as found under {@link GrpcAuthInterceptor#USER}. */
    static final class WhoAmI extends ResourcesGrpc.ResourcesImplBase {
        @Override
        public void get(GetRequest request, StreamObserver<ResourceObject> response) {
            SERVED.incrementAndGet();
            UserInfo user = GrpcAuthInterceptor.USER.get();
            response.onNext(ResourceObject.newBuilder().setName(user.name())
                    .setNamespace(String.join(",", new TreeSet<>(user.groups()))).build());
            response.onCompleted();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "admin-token,admin,0,system:masters\nnode-token,system:node:n1,5,\"system:nodes,x\"\n");
        GrpcAuthInterceptor interceptor = new GrpcAuthInterceptor(TokenFile.load(tokens));
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new WhoAmI(), interceptor))
                .build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("admin token", "Bearer admin-token", "admin", "system:masters"),
                arguments("node token with groups", "Bearer node-token", "system:node:n1", "system:nodes,x"),
                arguments("lower-case scheme", "bearer admin-token", "admin", "system:masters"),
                arguments("surrounding blanks", "  Bearer   admin-token ", "admin", "system:masters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void passesTheUserToTheService(String name, String authorization, String user, String groups) {
        ResourceObject answer = call(authorization);
        assertEquals(user, answer.getName());
        assertEquals(groups, answer.getNamespace());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("no authorization metadata", null),
                arguments("unknown token", "Bearer wrong"),
                arguments("empty token", "Bearer "),
                arguments("scheme only", "Bearer"),
                arguments("basic scheme", "Basic YWRtaW46YWRtaW4="),
                arguments("token without scheme", "admin-token"),
                arguments("two tokens", "Bearer admin-token node-token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithKubernetesUnauthorized(String name, String authorization) {
        int servedBefore = SERVED.get();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call(authorization));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        ApiException api = GrpcErrors.fromGrpc(e);
        assertEquals(StatusReason.UNAUTHORIZED, api.reason());
        assertEquals("Unauthorized", api.getMessage());
        assertEquals(401, api.status().getCode());
        assertEquals(servedBefore, SERVED.get(), "the service must not run for a rejected call");
    }

    @Test
    void parsesBearerValues() {
        assertEquals(Optional.of("t"), GrpcAuthInterceptor.bearerToken("BEARER t"));
        assertEquals(Optional.empty(), GrpcAuthInterceptor.bearerToken(null));
        assertEquals(Optional.empty(), GrpcAuthInterceptor.bearerToken("Bearertoken"));
    }

    private static ResourceObject call(String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(GrpcAuthInterceptor.AUTHORIZATION, authorization);
        }
        return ResourcesGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("pods").setName("x")).build());
    }
}
