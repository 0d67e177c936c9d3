package io.batchplane.client.config;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the client library injectable in Quarkus apps: one {@link ResourceClient} connected per
 * {@link ApiServerConfig}, closed at shutdown, and the system {@link Clock}. Both are default beans,
 * so an app (or its tests) may produce its own instead.
 */
@Singleton
public class ClientProducer {

    @Produces
    @Singleton
    @DefaultBean
    ResourceClient resourceClient(ApiServerConfig config) {
        return ResourceClient.connect(config.host(), config.grpcPort(), config.resolveToken());
    }

    void close(@Disposes ResourceClient client) {
        client.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.system();
    }
}
