package io.batchplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ObjectKey;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when parts crash: a 500-completion Indexed Job runs on a simulated node while
 * the job controller, and in a second run the API server, is killed with SIGKILL at random
 * moments (seeded, so a failure can be replayed) and started again. The Job still ends Complete
 * with exactly 500 successes, indexes 0-499, and no pod keeps the tracking finalizer.
 */
class ChaosIT {

    private static final int COMPLETIONS = 500;
    private static final long SEED = 20261126L;
    private static final Map<String, String> KUBELET = Map.of("batchplane.kubelet.max-pods", "200");

    private ApiServers servers;
    private ApiServers.Instance api;
    private final Map<String, ServiceProcess> components = new LinkedHashMap<>();
    private ServiceProcess jobController;

    @BeforeEach
    void start() throws Exception {
        servers = new ApiServers(Files.createTempDirectory("bp-chaos"),
                TestDatabase.fresh(TestDatabase.serverUrl()).url(), Map.of());
        api = servers.start("api-server-chaos");
        components.put("kubelet-agent", servers.startComponent("kubelet-agent", api, KUBELET));
        components.put("scheduler", servers.startComponent("scheduler", api, Map.of()));
        jobController = servers.startComponent("job-controller", api, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (jobController != null) {
            jobController.close();
        }
        for (ServiceProcess p : components.values()) {
            p.close();
        }
        api.process().close();
    }

    @Test
    void theJobControllerKilledThreeTimes() throws Exception {
        runWhileKilling("chaos-controller", 3, () -> {
            jobController.kill();
            jobController = servers.startComponent("job-controller", api, Map.of());
        });
    }

    @Test
    void theApiServerKilledTwice() throws Exception {
        runWhileKilling("chaos-apiserver", 2, () -> {
            api.process().kill();
            api = servers.start("api-server-chaos", api.httpPort(), api.grpcPort());
        });
    }

    private interface Kill {
        void run() throws Exception;
    }

    private void runWhileKilling(String name, int kills, Kill kill) throws Exception {
        Random random = new Random(SEED + name.hashCode());
        create(name);
        int done = 0;
        long nextKill = System.nanoTime() + (1_000 + random.nextInt(4_000)) * 1_000_000L;
        JsonNode job = null;
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (done < kills && System.nanoTime() > nextKill) {
                kill.run();
                done++;
                nextKill = System.nanoTime() + (2_000 + random.nextInt(5_000)) * 1_000_000L;
            }
            superviseComponents();
            try {
                job = get(name);
                if (done == kills && Objects.hasCondition(job, "Complete")) {
                    break;
                }
            } catch (StatusRuntimeException apiDown) {
                // the API server is restarting
            }
            Thread.sleep(500);
        }
        assertEquals(kills, done, "every kill happened before the Job ended");
        assertTrue(job != null && Objects.hasCondition(job, "Complete"), () -> "Job completes: " + statusOf(name));
        assertEquals(COMPLETIONS, job.path("status").path("succeeded").asInt());
        assertEquals("0-" + (COMPLETIONS - 1), job.path("status").path("completedIndexes").asText());
        assertEquals(0, job.path("status").path("failed").asInt());
        Await.until(java.time.Duration.ofSeconds(30), () -> {
            try {
                return pods(name).stream().allMatch(p -> p.path("metadata").path("finalizers").isEmpty()) ? true : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Restarts, as a service manager would, a component that exited by itself: a controller whose
     * API server stays down longer than its Lease's renew deadline gives up leadership and exits,
     * exactly as upstream's controllers do, and relies on being restarted.
     */
    private void superviseComponents() throws Exception {
        try {
            if (!jobController.isAlive()) {
                jobController = servers.startComponent("job-controller", api, Map.of());
            }
            for (Map.Entry<String, ServiceProcess> c : components.entrySet()) {
                if (!c.getValue().isAlive()) {
                    Map<String, String> extra = c.getKey().equals("kubelet-agent") ? KUBELET : Map.of();
                    c.setValue(servers.startComponent(c.getKey(), api, extra));
                }
            }
        } catch (IllegalStateException notReadyWhileApiServerDown) {
            // readiness includes the API server; the next round tries again
        }
    }

    private void create(String name) throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            grpc.blocking().create(CreateRequest.newBuilder().setResource("jobs").setNamespace("default")
                    .setJson(StoreConformanceIT.json("""
                            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s"},
                             "spec":{"completions":%d,"parallelism":50,"completionMode":"Indexed",
                               "template":{"metadata":{"annotations":{"sim.batchplane.io/duration":"1s"}},"spec":{
                               "restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}
                            """.formatted(name, COMPLETIONS))).build());
        }
    }

    private JsonNode get(String name) throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            return Objects.parse(grpc.blocking().get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("jobs")
                    .setNamespace("default").setName(name)).build()));
        }
    }

    private String statusOf(String name) {
        try {
            return get(name).path("status").toString();
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private List<JsonNode> pods(String job) throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            return grpc.blocking().list(ListRequest.newBuilder().setResource("pods").setNamespace("default")
                    .setLabelSelector("batch.kubernetes.io/job-name=" + job).build())
                    .getItemsList().stream().map(Objects::parse).toList();
        }
    }
}
