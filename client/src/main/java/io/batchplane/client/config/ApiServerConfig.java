package io.batchplane.client.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a component finds the API server and how it authenticates: {@code batchplane.api-server.host}
 * (127.0.0.1), {@code .grpc-port} (6444), and a bearer token given inline ({@code .token}) or read
 * from a file ({@code .token-file}, e.g. a mounted secret).
 */
@ConfigMapping(prefix = "batchplane.api-server")
public interface ApiServerConfig {

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("6444")
    int grpcPort();

    Optional<String> token();

    Optional<String> tokenFile();

    /**
     * The kind (plural resource name) the readiness check lists to prove the API server answers
     * this component: one its role may list, e.g. {@code jobs} for the job controller.
     */
    @WithDefault("namespaces")
    String readinessProbe();

    /** The bearer token: {@code token} if set, else the trimmed content of {@code token-file}, else empty. */
    default String resolveToken() {
        if (token().isPresent() && !token().get().isBlank()) {
            return token().get().trim();
        }
        return tokenFile().map(f -> {
            try {
                return Files.readString(Path.of(f), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read batchplane.api-server.token-file " + f, e);
            }
        }).orElse("");
    }
}
