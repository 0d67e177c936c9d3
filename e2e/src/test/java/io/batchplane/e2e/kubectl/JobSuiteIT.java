package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.ServiceProcess;
import io.batchplane.e2e.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Job semantics through kubectl against the whole suite as processes, pods run by the node agent's
 * simulated runtime (duration and exit code from pod annotations).
 */
class JobSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<AutoCloseable> PROCESSES = new ArrayList<>();
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kubectl.available(), "no kubectl on the PATH");
        Path dir = Files.createTempDirectory("bp-jobsuite");
        int https = ServiceProcess.freePort();
        ApiServers servers = new ApiServers(dir, TestDatabase.fresh(TestDatabase.serverUrl()).url(),
                Kubectl.tlsProperties(dir, https));
        ApiServers.Instance api = servers.start("api-server-jobsuite");
        PROCESSES.add(api.process());
        PROCESSES.add(servers.startComponent("kubelet-agent", api, Map.of()));
        PROCESSES.add(servers.startComponent("scheduler", api, Map.of()));
        PROCESSES.add(servers.startComponent("job-controller", api, Map.of()));
        kubectl = Kubectl.forServer(dir, https);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = PROCESSES.size() - 1; i >= 0; i--) {
            PROCESSES.get(i).close();
        }
    }

    @Test
    void aJobThatAlwaysFailsEndsBackoffLimitExceededAfterLimitPlusOnePodsWithGrowingDelays() throws Exception {
        apply(job("always-fails", "backoffLimit: 2", "sim.batchplane.io/exit-code: \"1\""));
        JsonNode job = await(Duration.ofSeconds(120), () -> finished("always-fails"));
        JsonNode failed = condition(job, "Failed");
        assertEquals("BackoffLimitExceeded", failed.path("reason").asText());
        List<Instant> starts = pods("always-fails").stream()
                .map(p -> Instant.parse(p.path("metadata").path("creationTimestamp").asText())).sorted().toList();
        assertEquals(3, starts.size(), "backoffLimit + 1 pods");
        long first = Duration.between(starts.get(0), starts.get(1)).toSeconds();
        long second = Duration.between(starts.get(1), starts.get(2)).toSeconds();
        assertTrue(first >= 8 && second > first, "delays grow (about 10 s, then 20 s): " + first + ", " + second);
    }

    @Test
    void aDeadlineEndsTheJobAndTerminatesItsPods() throws Exception {
        apply(job("deadline", "activeDeadlineSeconds: 3", "sim.batchplane.io/duration: 10m"));
        JsonNode job = await(Duration.ofSeconds(60), () -> finished("deadline"));
        assertEquals("DeadlineExceeded", condition(job, "Failed").path("reason").asText());
        await(Duration.ofSeconds(60), () -> pods("deadline").stream()
                .allMatch(p -> p.path("metadata").hasNonNull("deletionTimestamp")
                        || p.path("status").path("phase").asText().matches("Succeeded|Failed")) ? true : null);
    }

    @Test
    void aFailJobExitCodeRuleFailsTheJobAtOnce() throws Exception {
        apply(job("fail-fast", """
                backoffLimit: 6
                  podFailurePolicy:
                    rules:
                    - action: FailJob
                      onExitCodes: {containerName: c, operator: In, values: [42]}""", "sim.batchplane.io/exit-code: \"42\""));
        JsonNode job = await(Duration.ofSeconds(60), () -> finished("fail-fast"));
        assertEquals("PodFailurePolicy", condition(job, "Failed").path("reason").asText());
        assertEquals(1, pods("fail-fast").size(), "no retry after a FailJob rule matched");
    }

    @Test
    void suspendRemovesThePodsAndResumeBringsThemBack() throws Exception {
        apply(job("pausable", "parallelism: 2\n  completions: 4", "sim.batchplane.io/duration: 10m"));
        await(Duration.ofSeconds(60), () -> active("pausable") == 2 ? true : null);
        assertEquals(0, kubectl.run("patch", "job", "pausable", "--type=merge", "-p", "{\"spec\":{\"suspend\":true}}").exit());
        await(Duration.ofSeconds(60), () -> pods("pausable").stream()
                .noneMatch(p -> !p.path("metadata").hasNonNull("deletionTimestamp")
                        && "Running".equals(p.path("status").path("phase").asText())) && active("pausable") == 0 ? true : null);
        JsonNode suspended = json("get", "job", "pausable", "-o", "json");
        assertEquals("True", condition(suspended, "Suspended").path("status").asText());
        assertEquals(0, suspended.path("status").path("failed").asInt(), "suspension is not a failure");
        assertEquals(0, kubectl.run("patch", "job", "pausable", "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}").exit());
        await(Duration.ofSeconds(60), () -> active("pausable") == 2 ? true : null);
    }

    @Test
    void deleteRemovesThePodsAndOrphanLeavesThemForAManualSelectorJobToAdopt() throws Exception {
        apply(job("cascade", "parallelism: 2\n  completions: 2", "sim.batchplane.io/duration: 10m"));
        await(Duration.ofSeconds(60), () -> active("cascade") == 2 ? true : null);
        assertEquals(0, kubectl.run("delete", "job", "cascade").exit());
        await(Duration.ofSeconds(60), () -> pods("cascade").isEmpty() ? true : null);

        apply(job("orphaner", "parallelism: 1\n  completions: 1", "sim.batchplane.io/duration: 10m"));
        await(Duration.ofSeconds(60), () -> active("orphaner") == 1 ? true : null);
        JsonNode old = json("get", "job", "orphaner", "-o", "json");
        String uid = old.path("metadata").path("uid").asText();
        assertEquals(0, kubectl.run("delete", "job", "orphaner", "--cascade=orphan").exit());
        JsonNode orphan = await(Duration.ofSeconds(60), () -> {
            List<JsonNode> pods = pods("orphaner");
            return pods.size() == 1 && pods.get(0).path("metadata").path("ownerReferences").isEmpty() ? pods.get(0) : null;
        });
        apply("""
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
        String adopterUid = json("get", "job", "adopter", "-o", "json").path("metadata").path("uid").asText();
        String podName = orphan.path("metadata").path("name").asText();
        await(Duration.ofSeconds(60), () -> {
            JsonNode pod = json("get", "pod", podName, "-o", "json");
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
        JsonNode job = json("get", "job", name, "-o", "json");
        return "True".equals(condition(job, "Failed").path("status").asText())
                || "True".equals(condition(job, "Complete").path("status").asText()) ? job : null;
    }

    private static int active(String name) {
        return json("get", "job", name, "-o", "json").path("status").path("active").asInt();
    }

    private static List<JsonNode> pods(String job) {
        List<JsonNode> pods = new ArrayList<>();
        json("get", "pods", "-l", "batch.kubernetes.io/job-name=" + job, "-o", "json").path("items").forEach(pods::add);
        return pods;
    }

    private static JsonNode condition(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static void apply(String yaml) throws Exception {
        Path file = Files.createTempFile("job", ".yaml");
        Files.writeString(file, yaml);
        Kubectl.Result r = kubectl.run("apply", "-f", file.toString());
        assertEquals(0, r.exit(), r.both());
    }

    private static JsonNode json(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertEquals(0, r.exit(), () -> "kubectl " + String.join(" ", args) + ":\n" + r.both());
        try {
            return JSON.readTree(r.out());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T await(Duration timeout, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out after " + timeout);
    }
}
