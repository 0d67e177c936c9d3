package io.batchplane.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.client.health.ApiServerReadinessCheck;
import io.batchplane.kubelet.node.NodeSpecification;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** The one Quarkus boot of this module: config binds into the node's description; without an API server the agent is not ready. */
@QuarkusTest
class KubeletAppTest {

    @Inject
    KubeletConfig config;
    @Inject
    @Readiness
    ApiServerReadinessCheck readiness;

    @Test
    void bootsAndDescribesItsNodeFromConfig() {
        NodeSpecification spec = KubeletService.specifications(config).get(0);
        assertEquals(1, KubeletService.specifications(config).size());
        assertEquals("sim-node-1", spec.name());
        assertEquals("2", spec.cpu());
        assertEquals("4Gi", spec.memory());
        assertEquals(110, spec.pods());
        assertEquals(Map.of("pool", "sim", "tier", "batch"), spec.labels());
        assertEquals(Duration.ofSeconds(10), config.leaseRenewInterval());
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().await().atMost(Duration.ofSeconds(10)).getStatus());
    }
}
