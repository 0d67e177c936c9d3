package io.batchplane.apiserver.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.DeleteRequest;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.PatchRequest;
import io.batchplane.api.v1.PatchType;
import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.UpdateRequest;
import io.batchplane.apiserver.resource.Json;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The gRPC API end to end inside one API server: metadata, errors, auth, deletion and garbage collection. */
@QuarkusTest
class ResourcesEndpointTest {

    private static final String JOB = """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s","namespace":"%s"},
             "spec":{"template":{"spec":{"restartPolicy":"Never",
               "containers":[{"name":"pi","image":"perl","command":["perl","-e","print 1"]}]}}}}""";

    private ResourcesGrpc.ResourcesBlockingStub admin;
    private String namespace;

    @BeforeEach
    void namespace() {
        admin = GrpcTestClient.as("admin-token");
        namespace = "t-" + Long.toHexString(System.nanoTime());
        admin.create(CreateRequest.newBuilder().setResource("namespaces")
                .setJson(json("{\"metadata\":{\"name\":\"" + namespace + "\"}}")).build());
    }

    @Test
    void createFillsMetadataAndDefaults() throws Exception {
        ResourceObject created = admin.create(create("jobs", String.format(JOB, "pi", namespace)));
        JsonNode job = parse(created);
        assertEquals(String.valueOf(created.getResourceVersion()), job.path("metadata").path("resourceVersion").asText());
        assertFalse(job.path("metadata").path("uid").asText().isEmpty());
        assertFalse(job.path("metadata").path("creationTimestamp").asText().isEmpty());
        assertEquals(1, job.path("metadata").path("generation").asInt());
        assertEquals(6, job.path("spec").path("backoffLimit").asInt());
        assertEquals(job.path("metadata").path("uid").asText(),
                job.path("spec").path("selector").path("matchLabels").path("batch.kubernetes.io/controller-uid").asText());
    }

    @Test
    void generateNameMakesAUniqueName() throws Exception {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"generateName\":\"pi-\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
        String a = parse(admin.create(create("pods", body))).path("metadata").path("name").asText();
        String b = parse(admin.create(create("pods", body))).path("metadata").path("name").asText();
        assertTrue(a.matches("pi-[a-z0-9]{5}"), a);
        assertFalse(a.equals(b));
    }

    @Test
    void leaseTimesSurviveARoundTrip() throws Exception {
        String lease = "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"l\"},"
                + "\"spec\":{\"holderIdentity\":\"a\",\"leaseDurationSeconds\":15,"
                + "\"acquireTime\":\"2026-11-26T15:25:01.123456Z\",\"renewTime\":\"2026-11-26T15:25:03.654321Z\"}}";
        JsonNode stored = parse(admin.create(create("leases", lease)));
        assertEquals("2026-11-26T15:25:03.654321Z", stored.path("spec").path("renewTime").asText());
        assertEquals("2026-11-26T15:25:01.123456Z", stored.path("spec").path("acquireTime").asText());
    }

    @Test
    void staleUpdateIsAConflictAndDoubleCreateAlreadyExists() throws Exception {
        ResourceObject created = admin.create(create("jobs", String.format(JOB, "cas", namespace)));
        String labelled = String.format(JOB, "cas", namespace).replace("\"namespace\"",
                "\"labels\":{\"a\":\"b\"},\"resourceVersion\":\"" + created.getResourceVersion() + "\",\"namespace\"");
        ResourceObject updated = admin.update(UpdateRequest.newBuilder().setResource("jobs").setNamespace(namespace)
                .setJson(json(parse(created).toString())).build());
        assertTrue(updated.getResourceVersion() >= created.getResourceVersion());
        admin.patch(patch("jobs", "cas", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}"));
        assertFails(Status.Code.ABORTED, "Conflict", () -> admin.update(UpdateRequest.newBuilder().setResource("jobs")
                .setNamespace(namespace).setJson(json(labelled)).build()));
        assertFails(Status.Code.ALREADY_EXISTS, "AlreadyExists",
                () -> admin.create(create("jobs", String.format(JOB, "cas", namespace))));
    }

    @Test
    void patchesApplyAndBumpGenerationOnlyOnSpecChange() throws Exception {
        admin.create(create("jobs", String.format(JOB, "p", namespace)));
        JsonNode labelled = parse(admin.patch(patch("jobs", "p", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}")));
        assertEquals("a", labelled.path("metadata").path("labels").path("team").asText());
        assertEquals(1, labelled.path("metadata").path("generation").asInt());
        JsonNode scaled = parse(admin.patch(patch("jobs", "p", PatchType.JSON,
                "[{\"op\":\"replace\",\"path\":\"/spec/parallelism\",\"value\":0}]")));
        assertEquals(0, scaled.path("spec").path("parallelism").asInt());
        assertEquals(2, scaled.path("metadata").path("generation").asInt());
        assertFails(Status.Code.INVALID_ARGUMENT, "Invalid", () -> admin.patch(patch("jobs", "p", PatchType.JSON,
                "[{\"op\":\"test\",\"path\":\"/spec/parallelism\",\"value\":7}]")));
    }

    @Test
    void badInputGetsTheRightErrorAndChangesNothing() {
        long before = count("jobs");
        assertFails(Status.Code.INVALID_ARGUMENT, "BadRequest", () -> admin.create(create("jobs", "{not json")));
        assertFails(Status.Code.NOT_FOUND, "NotFound", () -> admin.create(create("widgets", "{}")));
        assertFails(Status.Code.INVALID_ARGUMENT, "BadRequest",
                () -> admin.create(create("jobs", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"}}")));
        String huge = String.format(JOB, "huge", namespace).replace("\"namespace\"",
                "\"annotations\":{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"},\"namespace\"");
        assertFails(Status.Code.RESOURCE_EXHAUSTED, "RequestEntityTooLarge", () -> admin.create(create("jobs", huge)));
        ApiException invalid = assertFails(Status.Code.INVALID_ARGUMENT, "Invalid", () -> admin.create(create("jobs",
                String.format(JOB, "bad", namespace).replace("\"Never\"", "\"Always\""))));
        assertEquals("spec.template.spec.restartPolicy", invalid.status().getDetails().getCauses().get(0).getField());
        ApiException nullItem = assertFails(Status.Code.INVALID_ARGUMENT, "Invalid", () -> admin.create(create("jobs",
                String.format(JOB, "nulls", namespace).replace("\"containers\":[", "\"containers\":[null,"))));
        assertEquals("spec.template.spec.containers[0]", nullItem.status().getDetails().getCauses().get(0).getField());
        assertFails(Status.Code.NOT_FOUND, "NotFound", () -> admin.create(CreateRequest.newBuilder()
                .setResource("jobs").setNamespace("no-such-namespace")
                .setJson(json(String.format(JOB, "orphan", "no-such-namespace"))).build()));
        assertEquals(before, count("jobs"));
    }

    @Test
    void unauthenticatedAndForbiddenCallsAreRefused() {
        assertFails(Status.Code.UNAUTHENTICATED, "Unauthorized", () -> GrpcTestClient.as(null)
                .get(GetRequest.newBuilder().setKey(key("namespaces", "", namespace)).build()));
        assertFails(Status.Code.UNAUTHENTICATED, "Unauthorized", () -> GrpcTestClient.as("wrong-token")
                .get(GetRequest.newBuilder().setKey(key("namespaces", "", namespace)).build()));
        assertFails(Status.Code.PERMISSION_DENIED, "Forbidden", () -> GrpcTestClient.as("nobody-token")
                .create(create("jobs", String.format(JOB, "nope", namespace))));
    }

    @Test
    void backgroundDeletionCollectsDependentsAndOrphanKeepsThem() throws Exception {
        String jobUid = parse(admin.create(create("jobs", String.format(JOB, "owner", namespace))))
                .path("metadata").path("uid").asText();
        admin.create(create("pods", pod("dependent", "owner", jobUid)));
        admin.delete(DeleteRequest.newBuilder().setKey(key("jobs", namespace, "owner"))
                .setPropagationPolicy(PropagationPolicy.BACKGROUND).build());
        await(() -> !exists("pods", "dependent"), "dependent pod collected");

        String keptUid = parse(admin.create(create("jobs", String.format(JOB, "keeper", namespace))))
                .path("metadata").path("uid").asText();
        admin.create(create("pods", pod("kept", "keeper", keptUid)));
        admin.delete(DeleteRequest.newBuilder().setKey(key("jobs", namespace, "keeper")).build());
        await(() -> !exists("jobs", "keeper"), "orphaning job deleted");
        JsonNode kept = parse(admin.get(GetRequest.newBuilder().setKey(key("pods", namespace, "kept")).build()));
        assertTrue(kept.path("metadata").path("ownerReferences").isMissingNode()
                || kept.path("metadata").path("ownerReferences").isEmpty());
    }

    @Test
    void deletingANamespaceDeletesItsContent() {
        admin.create(create("jobs", String.format(JOB, "inside", namespace)));
        admin.delete(DeleteRequest.newBuilder().setKey(key("namespaces", "", namespace)).build());
        await(() -> !exists("namespaces", namespace), "namespace gone");
        assertFalse(exists("jobs", "inside"));
    }

    @Test
    void aTerminatingNamespaceTakesNoNewContentAndGoesWhenItsLastFinalizerIs() {
        admin.create(create("pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"held\","
                + "\"finalizers\":[\"example.com/hold\"]},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}"));
        admin.delete(DeleteRequest.newBuilder().setKey(key("namespaces", "", namespace)).build());
        await(() -> {
            try {
                admin.create(create("jobs", String.format(JOB, "late-" + System.nanoTime(), namespace)));
                return false;
            } catch (StatusRuntimeException e) {
                return GrpcErrors.fromGrpc(e).status().getReason().equals("Forbidden");
            }
        }, "creates refused in the terminating namespace");
        assertTrue(exists("namespaces", namespace), "held by the pod's finalizer");
        admin.patch(patch("pods", "held", PatchType.MERGE, "{\"metadata\":{\"finalizers\":null}}"));
        await(() -> !exists("namespaces", namespace), "namespace gone once the pod is");
    }

    private String pod(String name, String job, String uid) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"ownerReferences\":[{"
                + "\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"name\":\"" + job + "\",\"uid\":\"" + uid
                + "\",\"controller\":true,\"blockOwnerDeletion\":true}]},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
    }

    private boolean exists(String resource, String name) {
        try {
            admin.get(GetRequest.newBuilder().setKey(key(resource, resource.equals("namespaces") ? "" : namespace, name)).build());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private long count(String resource) {
        return admin.list(ListRequest.newBuilder().setResource(resource).build()).getItemsCount();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private CreateRequest create(String resource, String body) {
        return CreateRequest.newBuilder().setResource(resource).setNamespace(resource.equals("namespaces") ? "" : namespace)
                .setJson(json(body)).build();
    }

    private PatchRequest patch(String resource, String name, PatchType type, String body) {
        return PatchRequest.newBuilder().setKey(key(resource, namespace, name)).setType(type).setPatch(json(body)).build();
    }

    private static ObjectKey key(String resource, String namespace, String name) {
        return ObjectKey.newBuilder().setResource(resource).setNamespace(namespace).setName(name).build();
    }

    private static ByteString json(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(ResourceObject object) throws Exception {
        return Json.MAPPER.readTree(object.getJson().toByteArray());
    }

    private static ApiException assertFails(Status.Code code, String reason, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), () -> "code of " + e.getStatus());
        ApiException api = GrpcErrors.fromGrpc(e);
        assertEquals(reason, api.status().getReason(), () -> "reason of " + api.status().getMessage());
        return api;
    }
}
