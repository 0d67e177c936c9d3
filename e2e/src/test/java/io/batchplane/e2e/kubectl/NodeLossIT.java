package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.Await;
import io.batchplane.e2e.Objects;
import io.batchplane.e2e.ServiceProcess;
import io.batchplane.e2e.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node agent killed with SIGKILL stops renewing its Lease: the scheduler's node lifecycle marks
 * the node Ready=Unknown with the unreachable taint, and evicts the pod running there with the
 * DisruptionTarget condition. The grace period is shortened by config, as an operator would.
 */
class NodeLossIT {

    private static ServiceProcess api;
    private static ServiceProcess scheduler;
    private static ServiceProcess node;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "no kubectl on the PATH");
        Path dir = Files.createTempDirectory("bp-nodeloss");
        int https = ServiceProcess.freePort();
        ApiServers servers = new ApiServers(dir, TestDatabase.fresh(TestDatabase.serverUrl()).url(),
                Kubectl.tlsProperties(dir, https));
        ApiServers.Instance instance = servers.start("api-server-nodeloss");
        api = instance.process();
        node = servers.startComponent("kubelet-agent", instance, Map.of());
        scheduler = servers.startComponent("scheduler", instance, Map.of(
                "batchplane.node-lifecycle.grace-period", "8s", "batchplane.node-lifecycle.monitor-period", "1s"));
        kubectl = Kubectl.forServer(dir, https);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable p : new AutoCloseable[] {scheduler, node, api}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void aSilentNodeTurnsUnknownAndItsPodIsEvicted() throws Exception {
        Path pod = Files.createTempFile("pod", ".yaml");
        Files.writeString(pod, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stranded
                  annotations: {sim.batchplane.io/duration: 10m}
                spec:
                  restartPolicy: Never
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                  containers: [{name: c, image: busybox, command: ["sleep", "600"]}]
                """);
        assertEquals(0, kubectl.run("apply", "-f", pod.toString()).exit());
        Await.until(Duration.ofSeconds(60), () -> "Running".equals(kubectl.json("get", "pod", "stranded", "-o", "json")
                .path("status").path("phase").asText()) ? true : null);

        node.kill();

        JsonNode unknown = Await.until(Duration.ofSeconds(60), () -> {
            JsonNode n = kubectl.json("get", "node", ApiServers.NODE_NAME, "-o", "json");
            return "Unknown".equals(Objects.condition(n, "Ready").path("status").asText()) ? n : null;
        });
        boolean tainted = false;
        for (JsonNode taint : unknown.path("spec").path("taints")) {
            tainted |= "node.kubernetes.io/unreachable".equals(taint.path("key").asText())
                    && "NoExecute".equals(taint.path("effect").asText());
        }
        assertTrue(tainted || Await.until(Duration.ofSeconds(20), () -> {
            for (JsonNode t : kubectl.json("get", "node", ApiServers.NODE_NAME, "-o", "json").path("spec").path("taints")) {
                if ("node.kubernetes.io/unreachable".equals(t.path("key").asText())) {
                    return true;
                }
            }
            return null;
        }), "unreachable NoExecute taint");
        JsonNode evicted = Await.until(Duration.ofSeconds(60), () -> {
            Kubectl.Result r = kubectl.run("get", "pod", "stranded", "-o", "json");
            if (r.exit() != 0) {
                return null;
            }
            JsonNode p = Objects.parse(r.out());
            return Objects.condition(p, "DisruptionTarget").isMissingNode() ? null : p;
        });
        JsonNode target = Objects.condition(evicted, "DisruptionTarget");
        assertEquals("True", target.path("status").asText());
        assertEquals("DeletionByTaintManager", target.path("reason").asText());
        Await.until(Duration.ofSeconds(30), () -> {
            Kubectl.Result r = kubectl.run("get", "pod", "stranded", "-o", "json");
            return r.exit() != 0 || Objects.parse(r.out()).path("metadata").hasNonNull("deletionTimestamp") ? true : null;
        });
    }
}
