package io.batchplane.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.client.health.ApiServerReadinessCheck;
import io.batchplane.scheduler.lifecycle.NodeLifecycleConfig;
import io.batchplane.scheduler.podgc.PodGcConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** The one Quarkus boot of this module: config mappings bind, the service starts without an API server and says it is not ready. */
@QuarkusTest
class SchedulerAppTest {

    @Inject
    SchedulerConfig config;
    @Inject
    NodeLifecycleConfig lifecycle;
    @Inject
    PodGcConfig podGc;
    @Inject
    @Readiness
    ApiServerReadinessCheck readiness;

    @Test
    void bootsWithTypedConfigAndReportsNotReadyWithoutAnApiServer() {
        assertEquals("default-scheduler", config.schedulerName());
        assertTrue(config.leaderElection().enabled());
        assertEquals("kube-system", config.leaderElection().leaseNamespace());
        assertEquals("kube-scheduler", config.leaderElection().leaseName());
        assertEquals(Duration.ofMinutes(5), config.unschedulableRetry());
        assertEquals(Duration.ofSeconds(40), lifecycle.gracePeriod());
        assertEquals(Duration.ofSeconds(5), lifecycle.monitorPeriod());
        assertTrue(podGc.enabled());
        assertEquals(12500, podGc.terminatedPodThreshold());
        assertEquals(Duration.ofSeconds(20), podGc.gcPeriod());
        assertEquals(Duration.ofSeconds(40), podGc.quarantineTime());
        assertTrue(podGc.finishTerminatingOnUnreachableNodes());
        HealthCheckResponse r = readiness.call().await().atMost(Duration.ofSeconds(10));
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
    }
}
