package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.Await;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pods as real local processes: the suite runs with the node agent's process runtime, driven
 * with kubectl, and `kubectl logs` reads what the processes printed (proxied by the API server).
 */
class ProcessRuntimeIT {

    private static KubectlSuite suite;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        suite = KubectlSuite.forJobs("process", Map.of("batchplane.kubelet.runtime", "process"));
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void thePiExampleCompletesAndItsLogStartsWithPi() throws Exception {
        Kubectl.Result applied = kubectl.run("apply", "-f", ApiServers.root().resolve("examples/pi.yaml").toString());
        assertEquals(0, applied.exit(), applied.both());
        Kubectl.Result waited = kubectl.run("wait", "--for=condition=complete", "job/pi", "--timeout=120s");
        assertEquals(0, waited.exit(), waited.both());
        String log = kubectl.run("logs", "job/pi").out();
        assertTrue(log.startsWith("3.14159"), log.substring(0, Math.min(80, log.length())));
    }

    @Test
    void anIndexedJobsInitContainerPreparesWorkThatEachPodReadsForItsOwnIndex() throws Exception {
        kubectl.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: indexed}
                spec:
                  completions: 3
                  parallelism: 3
                  completionMode: Indexed
                  template:
                    spec:
                      restartPolicy: Never
                      volumes: [{name: work, emptyDir: {}}]
                      initContainers:
                      - name: prepare
                        image: busybox
                        command: ["sh", "-c", "echo item-$JOB_COMPLETION_INDEX > $BATCHPLANE_VOLUME_WORK/item"]
                      containers:
                      - name: worker
                        image: busybox
                        env:
                        - name: POD_NAME
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        command: ["sh", "-c", "echo $(POD_NAME) works on $(cat $BATCHPLANE_VOLUME_WORK/item)"]
                """);
        Kubectl.Result waited = kubectl.run("wait", "--for=condition=complete", "job/indexed", "--timeout=120s");
        assertEquals(0, waited.exit(), waited.both());
        assertEquals("0-2", kubectl.json("get", "job", "indexed", "-o", "json").path("status")
                .path("completedIndexes").asText());
        for (var pod : kubectl.json("get", "pods", "-l", "batch.kubernetes.io/job-name=indexed", "-o", "json")
                .path("items")) {
            String name = pod.path("metadata").path("name").asText();
            String index = pod.path("metadata").path("annotations").path("batch.kubernetes.io/job-completion-index").asText();
            String log = kubectl.run("logs", name, "-c", "worker").out().trim();
            assertEquals(name + " works on item-" + index, log);
        }
    }

    @Test
    void aDeletedPodGetsSigtermThenSigkillAfterItsGracePeriod() throws Exception {
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: trapper}
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 5
                  containers:
                  - name: c
                    image: busybox
                    command: ["sh", "-c", "trap 'echo got TERM' TERM; echo started; while true; do sleep 1; done"]
                """);
        Await.until(Duration.ofSeconds(60), () -> kubectl.run("logs", "trapper").out().contains("started") ? true : null);
        long start = System.nanoTime();
        Kubectl.Result deleted = kubectl.run("delete", "pod", "trapper", "--wait=true", "--timeout=60s");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, deleted.exit(), deleted.both());
        assertTrue(seconds >= 4, "waited for the grace period before SIGKILL: " + seconds + " s");
        assertTrue(seconds < 30, "killed after the grace period: " + seconds + " s");
    }
}
