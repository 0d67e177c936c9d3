package io.batchplane.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchplane.api.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

/** The pure parts of the pods/log proxy: which container, which node address, which agent URI. */
class PodLogsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOnlyContainerIsTheDefaultAndInitContainersMayBeNamed() throws Exception {
        JsonNode one = JSON.readTree("{\"spec\":{\"containers\":[{\"name\":\"main\"}],\"initContainers\":[{\"name\":\"prep\"}]}}");
        assertEquals("main", PodLogs.container(one, "p", null));
        assertEquals("prep", PodLogs.container(one, "p", "prep"));
        ApiException unknown = assertThrows(ApiException.class, () -> PodLogs.container(one, "p", "other"));
        assertEquals(400, unknown.status().getCode());
        JsonNode two = JSON.readTree("{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}");
        ApiException ambiguous = assertThrows(ApiException.class, () -> PodLogs.container(two, "p", ""));
        assertEquals("a container name must be specified for pod p, choose one of: [a, b]", ambiguous.status().getMessage());
    }

    @Test
    void theAgentIsReachedAtTheInternalIpAndKubeletPortWithTheQueryForwarded() throws Exception {
        JsonNode node = JSON.readTree("{\"status\":{\"addresses\":[{\"type\":\"Hostname\",\"address\":\"n1\"},"
                + "{\"type\":\"InternalIP\",\"address\":\"10.0.0.7\"}],\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":10250}}}}");
        MultiMap query = MultiMap.caseInsensitiveMultiMap().add("follow", "true").add("tailLines", "5")
                .add("container", "main").add("pretty", "x");
        RequestOptions target = PodLogs.target(node, "n1", "ns", "job-a-0", "main", query);
        assertEquals("10.0.0.7", target.getHost());
        assertEquals(10250, target.getPort());
        assertEquals("/containerLogs/ns/job-a-0/main?follow=true&tailLines=5", target.getURI());
        JsonNode bare = JSON.readTree("{\"status\":{\"addresses\":[{\"type\":\"Hostname\",\"address\":\"n1\"}]}}");
        assertThrows(ApiException.class, () -> PodLogs.target(bare, "n1", "ns", "p", "c", query));
    }

    @Test
    void agentRefusalsKeepTheirMeaning() {
        assertEquals(400, PodLogs.agentError(400, "previous terminated container not found").status().getCode());
        assertEquals(404, PodLogs.agentError(404, "no logs").status().getCode());
        assertEquals(500, PodLogs.agentError(403, "local only").status().getCode());
    }
}
