package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.e2e.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pods of the process runtime isolated as the kubelet would: volumes at their mountPath (without
 * leaving anything on the host), the pod's host name, downward API env with resource fields, memory
 * limits ending in OOMKilled, SIGTERM delivered on deletion. Needs root, unshare/nsenter and the cgroup
 * v1 memory controller; skipped elsewhere (the agent then runs plain processes).
 */
class PodIsolationIT {

    private static KubectlSuite suite;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && Files.exists(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"))
                && List.of("/usr/bin/unshare", "/usr/bin/nsenter").stream().allMatch(p -> Files.isExecutable(Path.of(p))),
                "pod isolation needs root, unshare, nsenter and cgroup v1 memory");
        suite = KubectlSuite.forJobs("isolation", Map.of("batchplane.kubelet.runtime", "process", "batchplane.kubelet.cpu", "3"));
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void anInitContainerFillsAnEmptyDirThatTheMainContainerReadsAtItsMountPath() throws Exception {
        String dir = "/batchplane-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: shared}
                spec:
                  restartPolicy: Never
                  volumes: [{name: work, emptyDir: {}}]
                  initContainers:
                  - name: prepare
                    image: busybox
                    command: ["sh", "-c", "echo prepared-by-init > DIR/data/item"]
                    volumeMounts: [{name: work, mountPath: DIR/data}]
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "cat DIR/data/item"]
                    volumeMounts: [{name: work, mountPath: DIR/data, readOnly: true}]
                """.replace("DIR", dir));
        JsonNode pod = phase("shared", "Succeeded");
        assertEquals("prepared-by-init", kubectl.run("logs", "shared").out().trim());
        assertEquals("127.0.0.1", pod.path("status").path("podIP").asText());
        assertFalse(Files.exists(Path.of(dir)), "the mount path was created on the host: " + dir);
    }

    @Test
    void theParallelPodsOfAnIndexedJobEachHaveTheirOwnVolumeAndHostName() throws Exception {
        kubectl.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: idx}
                spec:
                  completions: 4
                  parallelism: 4
                  completionMode: Indexed
                  template:
                    spec:
                      restartPolicy: Never
                      volumes: [{name: work, emptyDir: {medium: Memory, sizeLimit: 1Mi}}]
                      initContainers:
                      - name: prepare
                        image: busybox
                        command: ["sh", "-c", "hostname > /data/shared/who"]
                        volumeMounts: [{name: work, mountPath: /data/shared}]
                      containers:
                      - name: main
                        image: busybox
                        command: ["sh", "-c", "cat /data/shared/who"]
                        volumeMounts: [{name: work, mountPath: /data/shared}]
                """);
        Kubectl.Result waited = kubectl.run("wait", "--for=condition=complete", "job/idx", "--timeout=180s");
        assertEquals(0, waited.exit(), waited.both());
        for (JsonNode pod : kubectl.json("get", "pods", "-l", "batch.kubernetes.io/job-name=idx", "-o", "json").path("items")) {
            String name = pod.path("metadata").path("name").asText();
            String index = pod.path("metadata").path("annotations").path("batch.kubernetes.io/job-completion-index").asText();
            assertEquals("idx-" + index, kubectl.run("logs", name, "-c", "main").out().trim());
        }
    }

    @Test
    void theDownwardApiAndTheHostNameAreThePods() throws Exception {
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: whoami}
                spec:
                  restartPolicy: Never
                  hostname: whoami-3
                  containers:
                  - name: main
                    image: busybox
                    resources: {limits: {memory: 64Mi}}
                    env:
                    - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                    - {name: MEM_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
                    - {name: CPU_M, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
                    command: ["sh", "-c", "echo $(POD) $(NODE) $(MEM_MI) $(CPU_M); hostname"]
                """);
        JsonNode pod = phase("whoami", "Succeeded");
        String node = pod.path("spec").path("nodeName").asText();
        assertEquals("whoami " + node + " 64 3000\nwhoami-3", kubectl.run("logs", "whoami").out().trim());
    }

    @Test
    void aContainerOverItsMemoryLimitEndsOomKilled() throws Exception {
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: hog}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: python
                    resources: {limits: {memory: 50Mi}}
                    command: ["python3", "-c", "b = bytearray(200 * 1024 * 1024); print(len(b))"]
                """);
        JsonNode pod = phase("hog", "Failed");
        JsonNode terminated = pod.path("status").path("containerStatuses").get(0).path("state").path("terminated");
        assertEquals("OOMKilled", terminated.path("reason").asText(), terminated.toString());
        assertEquals(137, terminated.path("exitCode").asInt());
    }

    @Test
    void aDeletedPodsContainerGetsSigtermThroughTheNamespaces() throws Exception {
        Path marker = Files.createTempDirectory("bp-marker");
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: trap-marker}
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 5
                  volumes: [{name: out, hostPath: {path: MARKER, type: Directory}}]
                  containers:
                  - name: c
                    image: busybox
                    volumeMounts: [{name: out, mountPath: /out}]
                    command: ["sh", "-c", "trap 'echo got TERM > /out/term' TERM; echo started; while true; do sleep 1; done"]
                """.replace("MARKER", marker.toString()));
        Await.until(Duration.ofSeconds(60), () -> kubectl.run("logs", "trap-marker").out().contains("started") ? true : null);
        long start = System.nanoTime();
        Kubectl.Result deleted = kubectl.run("delete", "pod", "trap-marker", "--wait=true", "--timeout=60s");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, deleted.exit(), deleted.both());
        assertEquals("got TERM", Files.readString(marker.resolve("term")).trim());
        assertTrue(seconds >= 4, "waited for the grace period before SIGKILL: " + seconds + " s");
    }

    private static JsonNode phase(String pod, String phase) throws InterruptedException {
        return Await.until(Duration.ofSeconds(120), () -> {
            JsonNode p = kubectl.json("get", "pod", pod, "-o", "json");
            return phase.equals(p.path("status").path("phase").asText()) ? p : null;
        });
    }
}
