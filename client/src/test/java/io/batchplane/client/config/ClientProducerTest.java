package io.batchplane.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The one Quarkus boot of this module: the producer and config mapping wire up as apps will see them. */
@QuarkusTest
class ClientProducerTest {

    @Inject
    ApiServerConfig config;

    @Inject
    ResourceClient client;

    @Inject
    ResourceClient sameClient;

    @Inject
    Clock clock;

    @Test
    void producesOneConfiguredClientAndTheSystemClock() {
        assertEquals("127.0.0.1", config.host());
        assertEquals(16444, config.grpcPort());
        assertEquals("cdi-token", config.resolveToken());
        assertSame(Clock.system(), clock);
        assertSame(client, sameClient, "one client per app");
    }
}
