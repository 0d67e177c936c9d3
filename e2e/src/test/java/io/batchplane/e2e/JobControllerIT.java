package io.batchplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.UpdateRequest;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job controller as its own process against a real API server. The test plays the node: it
 * marks each pod the controller creates as succeeded, and checks the controller's side of the
 * contract — parallelism respected, every success counted exactly once, tracking finalizers gone.
 */
class JobControllerIT {
    /** The crash test kills the controller after every this many succeeded pods (of 30). */
    private static final int KILL_EVERY_SUCCEEDED = 6;

    private static ApiServers servers;
    private static ApiServers.Instance api;
    private static ServiceProcess controller;

    @BeforeAll
    static void start() throws Exception {
        servers = new ApiServers(Files.createTempDirectory("bp-jobs"),
                TestDatabase.fresh(TestDatabase.serverUrl()).url(), Map.of());
        api = servers.start("api-server-jobs");
        controller = servers.startComponent("job-controller", api, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (controller != null) {
            controller.close();
        }
        if (api != null) {
            api.process().close();
        }
    }

    @Test
    void fixedCompletionCountWithParallelismTwo() throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            stub.create(CreateRequest.newBuilder().setResource("jobs").setNamespace("default")
                    .setJson(StoreConformanceIT.json("""
                            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"count"},
                             "spec":{"completions":5,"parallelism":2,"template":{"spec":{
                               "restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}
                            """)).build());
            int maxActive = 0;
            JsonNode job = null;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                job = Objects.parse(stub.get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("jobs")
                        .setNamespace("default").setName("count")).build()));
                if (Objects.hasCondition(job, "Complete")) {
                    break;
                }
                List<JsonNode> pods = pods(stub);
                List<JsonNode> running = pods.stream()
                        .filter(p -> !p.path("status").path("phase").asText().equals("Succeeded")).toList();
                maxActive = Math.max(maxActive, running.size());
                for (JsonNode pod : running) {
                    succeed(stub, (ObjectNode) pod);
                }
                Thread.sleep(200);
            }
            assertTrue(Objects.hasCondition(job, "Complete"), "Job completes: " + job.path("status"));
            assertTrue(maxActive <= 2, "never more than parallelism pods running, saw " + maxActive);
            assertEquals(5, job.path("status").path("succeeded").asInt());
            assertEquals(0, job.path("status").path("active").asInt());
            assertTrue(Objects.hasCondition(job, "SuccessCriteriaMet"));
            List<JsonNode> pods = pods(stub);
            assertEquals(5, pods.size(), "exactly one pod per completion");
            for (JsonNode pod : pods) {
                assertTrue(pod.path("metadata").path("finalizers").isMissingNode()
                        || pod.path("metadata").path("finalizers").isEmpty(), "tracking finalizer removed");
            }
        }
    }

    /**
     * Crash safety: the controller is killed with SIGKILL three times while an Indexed Job runs and
     * is started again each time; every index still succeeds exactly once and nothing keeps the
     * tracking finalizer.
     */
    @Test
    void anIndexedJobSurvivesControllerCrashes() throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            stub.create(CreateRequest.newBuilder().setResource("jobs").setNamespace("default")
                    .setJson(StoreConformanceIT.json("""
                            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"crashy"},
                             "spec":{"completions":30,"parallelism":5,"completionMode":"Indexed","template":{"spec":{
                               "restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}
                            """)).build());
            int kills = 0;
            JsonNode job = null;
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (System.nanoTime() < deadline) {
                job = Objects.parse(stub.get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("jobs")
                        .setNamespace("default").setName("crashy")).build()));
                if (Objects.hasCondition(job, "Complete")) {
                    break;
                }
                List<JsonNode> pods = pods(stub, "crashy");
                long succeeded = pods.stream().filter(p -> p.path("status").path("phase").asText().equals("Succeeded")).count();
                if (kills < 3 && succeeded >= KILL_EVERY_SUCCEEDED * (kills + 1)) {
                    // kills keyed to progress, not time, so all three land before the 30th success on any machine
                    controller.kill();
                    controller = servers.startComponent("job-controller", api, Map.of());
                    kills++;
                }
                for (JsonNode pod : pods) {
                    if (!pod.path("status").path("phase").asText().equals("Succeeded")
                            && !pod.path("metadata").hasNonNull("deletionTimestamp")) {
                        succeed(stub, (ObjectNode) pod);
                    }
                }
                Thread.sleep(100);
            }
            assertEquals(3, kills, "the controller was killed three times before the Job ended");
            assertTrue(Objects.hasCondition(job, "Complete"), "Job completes: " + job.path("status"));
            assertEquals(30, job.path("status").path("succeeded").asInt());
            assertEquals("0-29", job.path("status").path("completedIndexes").asText());
            Await.until(java.time.Duration.ofSeconds(30), () -> pods(stub, "crashy").stream()
                    .allMatch(p -> p.path("metadata").path("finalizers").isEmpty()) ? true : null);
        }
    }

    private static List<JsonNode> pods(ResourcesGrpc.ResourcesBlockingStub stub) {
        return pods(stub, "count");
    }

    private static List<JsonNode> pods(ResourcesGrpc.ResourcesBlockingStub stub, String job) {
        return stub.list(ListRequest.newBuilder().setResource("pods").setNamespace("default")
                        .setLabelSelector("batch.kubernetes.io/job-name=" + job).build())
                .getItemsList().stream().map(Objects::parse).toList();
    }

    /** What a node agent reports when the pod's only container exits 0. */
    private static void succeed(ResourcesGrpc.ResourcesBlockingStub stub, ObjectNode pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Succeeded").put("startTime", now);
        ObjectNode container = status.putArray("containerStatuses").addObject();
        container.put("name", "c").put("image", "busybox").put("imageID", "").put("ready", false).put("restartCount", 0);
        container.putObject("state").putObject("terminated").put("exitCode", 0).put("reason", "Completed")
                .put("startedAt", now).put("finishedAt", now);
        stub.updateStatus(UpdateRequest.newBuilder().setResource("pods").setNamespace("default")
                .setJson(StoreConformanceIT.json(pod.toString())).build());
    }
}
