package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.Await;
import io.batchplane.e2e.ServiceProcess;
import io.batchplane.e2e.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two node agents with different runtimes in one cluster: one runs pods as local processes, the other
 * simulates them. Both register, {@code kubectl get nodes} shows both Ready, and each keeps renewing
 * its Lease in {@code kube-node-lease} (every 10 s by default).
 */
class MixedNodesIT {

    static final String SIMULATED = ApiServers.NODE_NAME;
    static final String PROCESS = "e2e-process-node";

    private static ServiceProcess api;
    private static ServiceProcess simulated;
    private static ServiceProcess process;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "no kubectl on the PATH");
        Path dir = Files.createTempDirectory("bp-mixed");
        int https = ServiceProcess.freePort();
        ApiServers servers = new ApiServers(dir, TestDatabase.fresh(TestDatabase.serverUrl()).url(),
                Kubectl.tlsProperties(dir, https));
        NodeAgents.addIdentities(dir, PROCESS);
        ApiServers.Instance instance = servers.start("api-server-mixed");
        api = instance.process();
        simulated = servers.startComponent("kubelet-agent", instance,
                Map.of("batchplane.kubelet.runtime", "simulated", "batchplane.home", dir.toString()));
        process = NodeAgents.start(dir, instance, PROCESS, Map.of("batchplane.kubelet.runtime", "process"));
        kubectl = Kubectl.forServer(dir, https);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable p : new AutoCloseable[] {process, simulated, api}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void kubectlGetNodesShowsBothReady() throws Exception {
        Map<String, String> status = Await.until(Duration.ofSeconds(60), () -> {
            Kubectl.Result r = kubectl.run("get", "nodes", "--no-headers");
            Map<String, String> byName = new HashMap<>();
            for (String line : r.out().split("\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 2) {
                    byName.put(cols[0], cols[1]);
                }
            }
            return "Ready".equals(byName.get(SIMULATED)) && "Ready".equals(byName.get(PROCESS)) ? byName : null;
        });
        assertTrue(status.size() >= 2, status.toString());
    }

    @Test
    void eachNodesLeaseRenewTimeAdvances() throws Exception {
        for (String node : List.of(SIMULATED, PROCESS)) {
            OffsetDateTime first = Await.until(Duration.ofSeconds(60), () -> renewTime(node));
            OffsetDateTime later = Await.until(Duration.ofSeconds(25), () -> {
                OffsetDateTime now = renewTime(node);
                return now != null && now.isAfter(first) ? now : null;
            });
            assertTrue(later.isAfter(first), node + ": " + first + " -> " + later);
        }
    }

    private static OffsetDateTime renewTime(String node) {
        Kubectl.Result r = kubectl.run("get", "lease", node, "-n", "kube-node-lease", "-o", "json");
        if (r.exit() != 0) {
            return null;
        }
        JsonNode renew = io.batchplane.e2e.Objects.parse(r.out()).path("spec").path("renewTime");
        return renew.isTextual() ? OffsetDateTime.parse(renew.asText()) : null;
    }
}
