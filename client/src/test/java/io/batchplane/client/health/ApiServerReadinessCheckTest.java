package io.batchplane.client.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.client.FakeResourcesServer;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.config.ApiServerConfig;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerReadinessCheckTest {

    private FakeResourcesServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeResourcesServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HealthCheckResponse check(ResourceClient client, String probe) {
        ApiServerReadinessCheck check = new ApiServerReadinessCheck();
        check.client = client;
        check.config = config(probe);
        return check.call().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void upWhenTheProbeListSucceeds() {
        HealthCheckResponse response = check(server.client(), "jobs");
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertTrue(server.authorizations.contains("Bearer " + FakeResourcesServer.TOKEN));
    }

    @Test
    void downWithTheReasonWhenTheTokenIsRefused() {
        HealthCheckResponse response = check(server.client("wrong"), "jobs");
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertTrue(response.getData().orElseThrow().get("error").toString().startsWith("UNAUTHORIZED"),
                () -> response.getData().toString());
    }

    @Test
    void downForAnUnknownProbeKind() {
        HealthCheckResponse response = check(server.client(), "widgets");
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
    }

    private static ApiServerConfig config(String probe) {
        return new ApiServerConfig() {
            @Override
            public String host() {
                return "in-process";
            }

            @Override
            public int grpcPort() {
                return 0;
            }

            @Override
            public Optional<String> token() {
                return Optional.empty();
            }

            @Override
            public Optional<String> tokenFile() {
                return Optional.empty();
            }

            @Override
            public String readinessProbe() {
                return probe;
            }
        };
    }
}
