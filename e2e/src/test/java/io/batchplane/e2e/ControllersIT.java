package io.batchplane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.UpdateRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CronJob and TTL controllers as separate processes against a real API server: a CronJob
 * that fires every minute makes its Job, a finished Job with a TTL goes away on time, and a standby
 * TTL controller replica takes over the Lease when the leader shuts down.
 */
class ControllersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiServers servers;
    private static ApiServers.Instance api;
    private static ServiceProcess cronjobs;
    private static ServiceProcess ttl;

    @BeforeAll
    static void start() throws Exception {
        servers = new ApiServers(Files.createTempDirectory("bp-controllers"),
                TestDatabase.fresh(TestDatabase.serverUrl()).url(), Map.of());
        api = servers.start("api-server-controllers");
        cronjobs = servers.startComponent("cronjob-controller", api,
                Map.of("batchplane.cronjob-controller.default-time-zone", "UTC"));
        ttl = servers.startComponent("ttl-controller", api, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {cronjobs, ttl}) {
            if (c != null) {
                c.close();
            }
        }
        if (api != null) {
            api.process().close();
        }
    }

    @Test
    void aCronJobEveryMinuteMakesItsJob() throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            ResourceObject created = stub.create(CreateRequest.newBuilder().setResource("cronjobs").setNamespace("default")
                    .setJson(StoreConformanceIT.json("""
                            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"every-minute"},
                             "spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{
                               "restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}}}
                            """)).build());
            String uid = JSON.readTree(created.getJson().toByteArray()).path("metadata").path("uid").asText();
            JsonNode job = Await.until(Duration.ofSeconds(90), () -> {
                var jobs = stub.list(ListRequest.newBuilder().setResource("jobs").setNamespace("default").build());
                return jobs.getItemsList().stream().map(Objects::parse)
                        .filter(j -> j.path("metadata").path("name").asText().startsWith("every-minute-"))
                        .findFirst().orElse(null);
            });
            String name = job.path("metadata").path("name").asText();
            String scheduled = job.path("metadata").path("annotations").path("batch.kubernetes.io/cronjob-scheduled-timestamp").asText();
            Instant at = Instant.parse(scheduled);
            assertEquals(0, at.getEpochSecond() % 60, "scheduled on a whole minute: " + scheduled);
            assertEquals("every-minute-" + at.getEpochSecond() / 60, name);
            JsonNode owner = job.path("metadata").path("ownerReferences").get(0);
            assertEquals(uid, owner.path("uid").asText());
            assertTrue(owner.path("controller").asBoolean());
            JsonNode status = Await.until(Duration.ofSeconds(30), () -> {
                JsonNode cj = Objects.parse(stub.get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("cronjobs")
                        .setNamespace("default").setName("every-minute")).build()));
                return cj.path("status").hasNonNull("lastScheduleTime") ? cj.path("status") : null;
            });
            assertEquals(scheduled, status.path("lastScheduleTime").asText());
        }
    }

    @Test
    void aFinishedJobWithATtlIsDeletedOnTime() throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            ResourceObject created = stub.create(CreateRequest.newBuilder().setResource("jobs").setNamespace("default")
                    .setJson(StoreConformanceIT.json("""
                            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"short-lived"},
                             "spec":{"ttlSecondsAfterFinished":3,"template":{"spec":{
                               "restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}
                            """)).build());
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            com.fasterxml.jackson.databind.node.ObjectNode job = (com.fasterxml.jackson.databind.node.ObjectNode) Objects.parse(created);
            job.putObject("status").put("startTime", now).put("completionTime", now).put("succeeded", 1)
                    .putArray("conditions")
                    .add(Objects.JSON.createObjectNode().put("type", "SuccessCriteriaMet").put("status", "True")
                            .put("reason", "CompletionsReached").put("lastTransitionTime", now))
                    .add(Objects.JSON.createObjectNode().put("type", "Complete").put("status", "True")
                            .put("reason", "CompletionsReached").put("lastTransitionTime", now));
            stub.updateStatus(UpdateRequest.newBuilder().setResource("jobs").setNamespace("default")
                    .setJson(StoreConformanceIT.json(job.toString())).build());
            Await.until(Duration.ofSeconds(30), () -> exists(stub, "short-lived") ? null : Boolean.TRUE);
            // Measured from the recorded completionTime (truncated to the second), not from when the
            // status write returned, so a slow write on a loaded machine cannot fail the test.
            Instant expires = Instant.parse(now).plusSeconds(3);
            Instant seenGone = Instant.now();
            assertFalse(seenGone.isBefore(expires), "deleted only after its TTL expired at " + expires + ", seen gone " + seenGone);
            assertFalse(exists(stub, "short-lived"));
        }
    }

    /**
     * Leader election across processes: a second TTL controller stays a standby while the leader
     * renews the {@code kube-system/ttl-controller} Lease; when the leader shuts down (SIGTERM) it
     * hands the Lease back and the standby takes it over.
     */
    @Test
    void aStandbyTtlControllerTakesOverWhenTheLeaderShutsDown() throws Exception {
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            String leader = Await.until(Duration.ofSeconds(60), () -> {
                String holder = ttlLease(stub).path("spec").path("holderIdentity").asText("");
                return holder.isEmpty() ? null : holder;
            });
            assertTrue(leader.matches(".+_[0-9a-f-]{36}"), "default identity <hostname>_<uuid>: " + leader);
            ServiceProcess standby = servers.startComponent("ttl-controller", api,
                    Map.of("batchplane.ttl-controller.leader-election.identity", "ttl-standby"));
            try {
                // Several retry periods (2 s) pass while the leader renews: the standby must not take over.
                Thread.sleep(6000);
                assertEquals(leader, ttlLease(stub).path("spec").path("holderIdentity").asText(""));
                ttl.close();
                ttl = standby;
                standby = null;
                assertNotEquals(leader, ttlLease(stub).path("spec").path("holderIdentity").asText(""),
                        "an orderly shutdown releases the Lease instead of letting it expire");
                JsonNode taken = Await.until(Duration.ofSeconds(60), () -> {
                    JsonNode lease = ttlLease(stub);
                    return "ttl-standby".equals(lease.path("spec").path("holderIdentity").asText("")) ? lease : null;
                });
                assertTrue(taken.path("spec").path("leaseTransitions").asInt() >= 1, "a takeover counts: " + taken);
            } finally {
                if (standby != null) {
                    standby.close();
                }
            }
        }
    }

    private static JsonNode ttlLease(ResourcesGrpc.ResourcesBlockingStub stub) {
        try {
            return Objects.parse(stub.get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("leases")
                    .setNamespace("kube-system").setName("ttl-controller")).build()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Objects.JSON.createObjectNode();
            }
            throw e;
        }
    }

    private static boolean exists(ResourcesGrpc.ResourcesBlockingStub stub, String job) {
        try {
            stub.get(GetRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("jobs").setNamespace("default")
                    .setName(job)).build());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
