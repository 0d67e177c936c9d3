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
    KubeletService service;
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI root;
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

    @Test
    void servesContainerLogsOfTheProcessRuntime() throws Exception {
        io.batchplane.kubelet.runtime.ProcessRuntime rt = service.processes().orElseThrow();
        io.fabric8.kubernetes.api.model.Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName("logpod").withNamespace("ns").withUid("uid-" + java.util.UUID.randomUUID()).withResourceVersion("1").endMetadata()
                .withNewSpec().withNodeName("sim-node-1").withRestartPolicy("Never").addNewContainer().withName("main")
                .withImage("busybox").withCommand("sh", "-c").withArgs("for i in 1 2 3; do echo line $i; sleep 0.2; done")
                .endContainer().endSpec().build();
        rt.step(pod, java.time.Instant.now());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> followed = http.send(java.net.http.HttpRequest.newBuilder(
                root.resolve("/containerLogs/ns/logpod/main?follow=true")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, followed.statusCode());
        assertEquals("line 1\nline 2\nline 3\n", followed.body());
        java.net.http.HttpResponse<String> tail = http.send(java.net.http.HttpRequest.newBuilder(
                root.resolve("/containerLogs/ns/logpod/main?tailLines=1")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("line 3\n", tail.body());
        assertEquals(404, http.send(java.net.http.HttpRequest.newBuilder(root.resolve("/containerLogs/ns/nope/main")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, http.send(java.net.http.HttpRequest.newBuilder(
                root.resolve("/containerLogs/ns/logpod/main?previous=true")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
