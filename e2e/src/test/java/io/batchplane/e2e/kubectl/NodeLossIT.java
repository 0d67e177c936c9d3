package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * A node agent killed with SIGKILL stops renewing its Lease. The scheduler's node lifecycle marks the
 * node Ready=Unknown with the unreachable taint and evicts its pods with the DisruptionTarget
 * condition; as no agent is left to end them, the pod garbage collector marks them Failed once their
 * deletion grace period is over and completes the deletion. A Job whose podFailurePolicy ignores
 * DisruptionTarget replaces its evicted pod on the other node without counting a failure.
 *
 * <p>Both workloads are started on the lost node before the spare node exists, then the lost node's
 * agent is killed once; each test watches one consequence. Grace periods and periods are shortened by
 * config, as an operator would (node grace 8 s with Lease renewals every 2 s).
 */
class NodeLossIT {

    static final String LOST = ApiServers.NODE_NAME;
    static final String SPARE = "e2e-spare-node";
    static final String HOLD = "e2e.batchplane.io/hold";
    /** Heartbeats well inside the shortened grace period, so that only the killed node goes silent. */
    static final Map<String, String> FAST_LEASE = Map.of("batchplane.kubelet.lease-renew-interval", "2s");

    private static ServiceProcess api;
    private static ServiceProcess scheduler;
    private static ServiceProcess jobController;
    private static ServiceProcess lost;
    private static ServiceProcess spare;
    private static Kubectl kubectl;
    private static String firstJobPod;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "no kubectl on the PATH");
        Path dir = Files.createTempDirectory("bp-nodeloss");
        int https = ServiceProcess.freePort();
        ApiServers servers = new ApiServers(dir, TestDatabase.fresh(TestDatabase.serverUrl()).url(),
                Kubectl.tlsProperties(dir, https));
        NodeAgents.addIdentities(dir, SPARE);
        ApiServers.Instance instance = servers.start("api-server-nodeloss");
        api = instance.process();
        lost = servers.startComponent("kubelet-agent", instance, with(FAST_LEASE, "batchplane.kubelet.runtime", "simulated"));
        scheduler = servers.startComponent("scheduler", instance, Map.of(
                "batchplane.node-lifecycle.grace-period", "8s", "batchplane.node-lifecycle.monitor-period", "1s",
                "batchplane.pod-gc.gc-period", "2s"));
        jobController = servers.startComponent("job-controller", instance, Map.of());
        kubectl = Kubectl.forServer(dir, https);

        // Held by a finalizer of ours so that its final state can be read after the deletion completes.
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stranded
                  finalizers: [%s]
                  annotations: {sim.batchplane.io/duration: 10m}
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 3
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                  containers: [{name: c, image: busybox, command: ["sleep", "600"]}]
                """.formatted(HOLD));
        // On the simulated node the pod runs for 10 minutes; on the process node its command ends at once.
        kubectl.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: resilient}
                spec:
                  backoffLimit: 0
                  podFailurePolicy:
                    rules:
                    - action: Ignore
                      onPodConditions: [{type: DisruptionTarget}]
                  template:
                    metadata:
                      annotations: {sim.batchplane.io/duration: 10m}
                    spec:
                      restartPolicy: Never
                      terminationGracePeriodSeconds: 3
                      tolerations:
                      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                      containers: [{name: c, image: busybox, command: ["sh", "-c", "exit 0"]}]
                """);
        Await.until(Duration.ofSeconds(60), () -> "Running".equals(phase(kubectl.json("get", "pod", "stranded", "-o", "json")))
                ? true : null);
        firstJobPod = Await.until(Duration.ofSeconds(60), () -> {
            for (JsonNode pod : jobPods()) {
                if ("Running".equals(phase(pod))) {
                    return pod.path("metadata").path("name").asText();
                }
            }
            return null;
        });
        spare = NodeAgents.start(dir, instance, SPARE, with(FAST_LEASE, "batchplane.kubelet.runtime", "process"));
        JsonNode before = kubectl.json("get", "node", LOST, "-o", "json");
        assertEquals("True", Objects.condition(before, "Ready").path("status").asText(), "Ready until killed");
        lost.kill();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kubectl != null) {
            kubectl.run("patch", "pod", "stranded", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        }
        for (AutoCloseable p : new AutoCloseable[] {spare, jobController, scheduler, lost, api}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void theSilentNodeTurnsUnknownAndTaintedUnreachable() throws Exception {
        Await.until(Duration.ofSeconds(60), () -> {
            JsonNode n = kubectl.json("get", "node", LOST, "-o", "json");
            return "Unknown".equals(Objects.condition(n, "Ready").path("status").asText()) ? true : null;
        });
        Await.until(Duration.ofSeconds(30), () -> {
            for (JsonNode t : kubectl.json("get", "node", LOST, "-o", "json").path("spec").path("taints")) {
                if ("node.kubernetes.io/unreachable".equals(t.path("key").asText()) && "NoExecute".equals(t.path("effect").asText())) {
                    return true;
                }
            }
            return null;
        });
    }

    @Test
    void theEvictedPodGetsDisruptionTargetAndEndsFailed() throws Exception {
        JsonNode failed = Await.until(Duration.ofSeconds(90), () -> {
            JsonNode p = kubectl.json("get", "pod", "stranded", "-o", "json");
            return "Failed".equals(phase(p)) ? p : null;
        });
        JsonNode target = Objects.condition(failed, "DisruptionTarget");
        assertEquals("True", target.path("status").asText());
        assertEquals("DeletionByTaintManager", target.path("reason").asText());
        assertTrue(failed.path("metadata").hasNonNull("deletionTimestamp"), "being deleted");
        assertEquals(0, failed.path("metadata").path("deletionGracePeriodSeconds").asInt(-1), "deletion completed: only our finalizer holds it");

        assertEquals(0, kubectl.run("patch", "pod", "stranded", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}").exit());
        Await.until(Duration.ofSeconds(30), () -> kubectl.run("get", "pod", "stranded").exit() != 0 ? true : null);
    }

    @Test
    void aJobIgnoringDisruptionsReplacesTheEvictedPodWithoutCountingAFailure() throws Exception {
        JsonNode job = Await.until(Duration.ofSeconds(150), () -> {
            JsonNode j = kubectl.json("get", "job", "resilient", "-o", "json");
            return Objects.hasCondition(j, "Complete") || Objects.hasCondition(j, "Failed") ? j : null;
        });
        JsonNode status = job.path("status");
        assertTrue(Objects.condition(job, "Failed").isMissingNode(), status.toString());
        assertEquals("True", Objects.condition(job, "Complete").path("status").asText(), status.toString());
        assertEquals(0, status.path("failed").asInt(0), status.toString());
        assertEquals(1, status.path("succeeded").asInt(), status.toString());
        JsonNode replacement = null;
        for (JsonNode pod : jobPods()) {
            if ("Succeeded".equals(phase(pod))) {
                replacement = pod;
            }
        }
        assertTrue(replacement != null, "the succeeded pod is still listed");
        assertNotEquals(firstJobPod, replacement.path("metadata").path("name").asText());
        assertEquals(SPARE, replacement.path("spec").path("nodeName").asText());
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(base);
        out.put(key, value);
        return out;
    }

    private static Iterable<JsonNode> jobPods() {
        return kubectl.json("get", "pods", "-l", "batch.kubernetes.io/job-name=resilient", "-o", "json").path("items");
    }

    private static String phase(JsonNode pod) {
        return pod.path("status").path("phase").asText();
    }
}
