package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.e2e.Await;
import io.batchplane.e2e.Objects;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Job semantics through kubectl against the whole suite as processes, pods run by the node agent's
 * simulated runtime (duration and exit code from pod annotations).
 */
class JobSuiteIT {

    private static KubectlSuite suite;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        suite = KubectlSuite.forJobs("jobsuite", Map.of());
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aJobThatAlwaysFailsEndsBackoffLimitExceededAfterLimitPlusOnePodsWithGrowingDelays() throws Exception {
        kubectl.apply(job("always-fails", "backoffLimit: 2", "sim.batchplane.io/exit-code: \"1\""));
        JsonNode job = Await.until(Duration.ofSeconds(120), () -> finished("always-fails"));
        JsonNode failed = Objects.condition(job, "Failed");
        assertEquals("BackoffLimitExceeded", failed.path("reason").asText());
        String described = kubectl.run("describe", "job", "always-fails").out();
        assertTrue(described.contains("Events:") && described.contains("SuccessfulCreate")
                && described.contains("BackoffLimitExceeded"), "describe tells the story:\n" + described);
        List<Instant> starts = pods("always-fails").stream()
                .map(p -> Instant.parse(p.path("metadata").path("creationTimestamp").asText())).sorted().toList();
        assertEquals(3, starts.size(), "backoffLimit + 1 pods");
        long first = Duration.between(starts.get(0), starts.get(1)).toSeconds();
        long second = Duration.between(starts.get(1), starts.get(2)).toSeconds();
        assertTrue(first >= 8 && second > first, "delays grow (about 10 s, then 20 s): " + first + ", " + second);
    }

    @Test
    void aDeadlineEndsTheJobAndTerminatesItsPods() throws Exception {
        kubectl.apply(job("deadline", "activeDeadlineSeconds: 3", "sim.batchplane.io/duration: 10m"));
        JsonNode job = Await.until(Duration.ofSeconds(60), () -> finished("deadline"));
        assertEquals("DeadlineExceeded", Objects.condition(job, "Failed").path("reason").asText());
        Await.until(Duration.ofSeconds(60), () -> pods("deadline").stream()
                .allMatch(p -> p.path("metadata").hasNonNull("deletionTimestamp")
                        || p.path("status").path("phase").asText().matches("Succeeded|Failed")) ? true : null);
    }

    @Test
    void aFailJobExitCodeRuleFailsTheJobAtOnce() throws Exception {
        kubectl.apply(job("fail-fast", """
                backoffLimit: 6
                  podFailurePolicy:
                    rules:
                    - action: FailJob
                      onExitCodes: {containerName: c, operator: In, values: [42]}""", "sim.batchplane.io/exit-code: \"42\""));
        JsonNode job = Await.until(Duration.ofSeconds(60), () -> finished("fail-fast"));
        assertEquals("PodFailurePolicy", Objects.condition(job, "Failed").path("reason").asText());
        assertEquals(1, pods("fail-fast").size(), "no retry after a FailJob rule matched");
    }

    @Test
    void suspendRemovesThePodsAndResumeBringsThemBack() throws Exception {
        kubectl.apply(job("pausable", "parallelism: 2\n  completions: 4", "sim.batchplane.io/duration: 10m"));
        Await.until(Duration.ofSeconds(60), () -> active("pausable") == 2 ? true : null);
        assertEquals(0, kubectl.run("patch", "job", "pausable", "--type=merge", "-p", "{\"spec\":{\"suspend\":true}}").exit());
        Await.until(Duration.ofSeconds(60), () -> pods("pausable").stream()
                .noneMatch(p -> !p.path("metadata").hasNonNull("deletionTimestamp")
                        && "Running".equals(p.path("status").path("phase").asText())) && active("pausable") == 0 ? true : null);
        JsonNode suspended = kubectl.json("get", "job", "pausable", "-o", "json");
        assertEquals("True", Objects.condition(suspended, "Suspended").path("status").asText());
        assertEquals(0, suspended.path("status").path("failed").asInt(), "suspension is not a failure");
        assertEquals(0, kubectl.run("patch", "job", "pausable", "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}").exit());
        Await.until(Duration.ofSeconds(60), () -> active("pausable") == 2 ? true : null);
    }

    @Test
    void deleteRemovesThePodsAndOrphanLeavesThemForAManualSelectorJobToAdopt() throws Exception {
        kubectl.apply(job("cascade", "parallelism: 2\n  completions: 2", "sim.batchplane.io/duration: 10m"));
        Await.until(Duration.ofSeconds(60), () -> active("cascade") == 2 ? true : null);
        assertEquals(0, kubectl.run("delete", "job", "cascade").exit());
        Await.until(Duration.ofSeconds(60), () -> pods("cascade").isEmpty() ? true : null);

        kubectl.apply(job("orphaner", "parallelism: 1\n  completions: 1", "sim.batchplane.io/duration: 10m"));
        Await.until(Duration.ofSeconds(60), () -> active("orphaner") == 1 ? true : null);
        JsonNode old = kubectl.json("get", "job", "orphaner", "-o", "json");
        String uid = old.path("metadata").path("uid").asText();
        assertEquals(0, kubectl.run("delete", "job", "orphaner", "--cascade=orphan").exit());
        JsonNode orphan = Await.until(Duration.ofSeconds(60), () -> {
            List<JsonNode> pods = pods("orphaner");
            return pods.size() == 1 && pods.get(0).path("metadata").path("ownerReferences").isEmpty() ? pods.get(0) : null;
        });
        kubectl.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: adopter}
                spec:
                  manualSelector: true
                  selector: {matchLabels: {batch.kubernetes.io/controller-uid: "%s"}}
                  template:
                    metadata:
                      labels: {batch.kubernetes.io/controller-uid: "%s", batch.kubernetes.io/job-name: orphaner}
                      annotations: {sim.batchplane.io/duration: 10m}
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox, command: ["sleep", "600"]}]
                """.formatted(uid, uid));
        String adopterUid = kubectl.json("get", "job", "adopter", "-o", "json").path("metadata").path("uid").asText();
        String podName = orphan.path("metadata").path("name").asText();
        Await.until(Duration.ofSeconds(60), () -> {
            JsonNode pod = kubectl.json("get", "pod", podName, "-o", "json");
            JsonNode owner = pod.path("metadata").path("ownerReferences").path(0);
            return adopterUid.equals(owner.path("uid").asText()) && owner.path("controller").asBoolean() ? true : null;
        });
    }

    private static String job(String name, String spec, String annotation) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s}
                spec:
                  %s
                  template:
                    metadata:
                      annotations: {%s}
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox, command: ["sh", "-c", "work"]}]
                """.formatted(name, spec, annotation);
    }

    private static JsonNode finished(String name) {
        JsonNode job = kubectl.json("get", "job", name, "-o", "json");
        return "True".equals(Objects.condition(job, "Failed").path("status").asText())
                || "True".equals(Objects.condition(job, "Complete").path("status").asText()) ? job : null;
    }

    private static int active(String name) {
        return kubectl.json("get", "job", name, "-o", "json").path("status").path("active").asInt();
    }

    private static List<JsonNode> pods(String job) {
        List<JsonNode> pods = new ArrayList<>();
        kubectl.json("get", "pods", "-l", "batch.kubernetes.io/job-name=" + job, "-o", "json").path("items").forEach(pods::add);
        return pods;
    }
}
