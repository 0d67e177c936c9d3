package io.batchplane.scheduler;

import io.batchplane.api.ResourceType;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.MutinyResourcesGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * This service's authenticated gRPC link to the API server.
 *
 * <p><b>Temporary.</b> The {@code client} module will provide the resource client and a CDI producer
 * that read the same {@code batchplane.api-server.*} configuration; once it lands, this class is
 * deleted and its users inject the client library's bean instead. Until then it is the only place in
 * this service that knows how to reach the API server.
 *
 * <p>The channel is plain-text HTTP/2 to {@code host:grpc-port}; every call carries the metadata
 * {@code authorization: Bearer <token>} identifying this component. The token comes from
 * {@code batchplane.api-server.token}, or else from the file named by
 * {@code batchplane.api-server.token-file}. A missing token does not stop the service from booting:
 * {@link #ping(ResourceType, Duration)} then fails, so the service reports itself not ready.
 */
@ApplicationScoped
public class ApiServerConnection {

    /** Where the API server is and who this component is to it. */
    @ConfigMapping(prefix = "batchplane.api-server")
    public interface Config {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("6444")
        int grpcPort();

        /** The bearer token itself; wins over {@link #tokenFile()}. */
        Optional<String> token();

        /** A file holding the bearer token (surrounding whitespace is ignored). */
        Optional<Path> tokenFile();
    }

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Config config;
    private volatile ManagedChannel channel;
    private volatile MutinyResourcesGrpc.MutinyResourcesStub stub;

    public ApiServerConnection(Config config) {
        this.config = config;
    }

    /** {@code host:port} of the API server's gRPC endpoint, for messages. */
    public String target() {
        return config.host() + ":" + config.grpcPort();
    }

    /**
     * The Resources stub with this component's credentials attached. The channel is opened on first
     * use and connects lazily, so the call never blocks.
     *
     * @throws IllegalStateException when no token is configured
     */
    public MutinyResourcesGrpc.MutinyResourcesStub resources() {
        MutinyResourcesGrpc.MutinyResourcesStub current = stub;
        if (current == null) {
            synchronized (this) {
                if (stub == null) {
                    String token = resolveToken(config.token(), config.tokenFile());
                    Metadata headers = new Metadata();
                    headers.put(AUTHORIZATION, "Bearer " + token);
                    channel = ManagedChannelBuilder.forAddress(config.host(), config.grpcPort())
                            .usePlaintext()
                            .build();
                    stub = MutinyResourcesGrpc.newMutinyStub(channel)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
                }
                current = stub;
            }
        }
        return current;
    }

    /**
     * The cheapest authenticated call there is: list at most one object of {@code type} across all
     * namespaces. Succeeds only when the API server is reachable, accepts this component's token,
     * lets this component list that kind and can read its store.
     */
    public Uni<Void> ping(ResourceType type, Duration timeout) {
        return Uni.createFrom().item(this::resources)
                .chain(s -> s.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .list(ListRequest.newBuilder()
                                .setResource(type.resource())
                                .setLimit(1)
                                .build()))
                .replaceWithVoid();
    }

    @PreDestroy
    void close() {
        ManagedChannel current = channel;
        if (current != null) {
            current.shutdownNow();
        }
    }

    /**
     * The bearer token: the configured value when present, else the trimmed content of the token file.
     *
     * @throws IllegalStateException when neither yields a non-blank token
     * @throws UncheckedIOException when the token file cannot be read
     */
    static String resolveToken(Optional<String> token, Optional<Path> tokenFile) {
        Optional<String> direct = token.map(String::trim).filter(t -> !t.isEmpty());
        if (direct.isPresent()) {
            return direct.get();
        }
        if (tokenFile.isPresent()) {
            Path file = tokenFile.get();
            String read;
            try {
                read = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read batchplane.api-server.token-file " + file, e);
            }
            if (read.isEmpty()) {
                throw new IllegalStateException("batchplane.api-server.token-file " + file + " is empty");
            }
            return read;
        }
        throw new IllegalStateException(
                "no API server token: set batchplane.api-server.token or batchplane.api-server.token-file");
    }
}
