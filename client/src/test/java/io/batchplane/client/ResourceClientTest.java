package io.batchplane.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PatchType;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceClientTest {

    private static final Duration T = Duration.ofSeconds(5);
    private FakeResourcesServer server;
    private ResourceClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeResourcesServer();
        client = server.client();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    static Pod pod(String ns, String name, String app) {
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
    }

    @Test
    void createThenGetRoundTripsTheTypedObjectAndSendsTheBearerToken() {
        Pod created = client.create(pod("default", "p1", "a")).await().atMost(T);
        assertNotNull(created.getMetadata().getUid());
        assertEquals("1", created.getMetadata().getResourceVersion());
        Pod got = client.get(Pod.class, "default", "p1").await().atMost(T);
        assertEquals("busybox", got.getSpec().getContainers().get(0).getImage());
        assertTrue(server.authorizations.stream().allMatch(("Bearer " + FakeResourcesServer.TOKEN)::equals));
    }

    @Test
    void connectTalksToARealTcpServer() throws Exception {
        int port = server.listenOnLoopback();
        try (ResourceClient tcp = ResourceClient.connect("127.0.0.1", port, FakeResourcesServer.TOKEN)) {
            tcp.create(pod("default", "p1", "a")).await().atMost(T);
            assertEquals("p1", tcp.get(Pod.class, "default", "p1").await().atMost(T).getMetadata().getName());
        }
    }

    @Test
    void anUnreachableServerReadsAsServiceUnavailable() {
        try (ResourceClient nowhere = ResourceClient.connect("127.0.0.1", 1, FakeResourcesServer.TOKEN)) {
            ApiException e = assertThrows(ApiException.class, () -> nowhere.get(Pod.class, "default", "p").await().atMost(T));
            assertEquals(StatusReason.SERVICE_UNAVAILABLE, e.reason());
        }
    }

    @Test
    void aBadTokenSurfacesAsUnauthorized() {
        ApiException e = assertThrows(ApiException.class,
                () -> server.client("wrong").get(Pod.class, "default", "p1").await().atMost(T));
        assertEquals(StatusReason.UNAUTHORIZED, e.reason());
    }

    @Test
    void errorsCarryTheServersStatus() {
        ApiException notFound = assertThrows(ApiException.class, () -> client.get(Pod.class, "default", "nope").await().atMost(T));
        assertEquals(StatusReason.NOT_FOUND, notFound.reason());
        assertEquals(404, notFound.status().getCode());
        assertEquals("pods \"nope\" not found", notFound.getMessage());

        client.create(pod("default", "p1", "a")).await().atMost(T);
        ApiException exists = assertThrows(ApiException.class, () -> client.create(pod("default", "p1", "a")).await().atMost(T));
        assertEquals(StatusReason.ALREADY_EXISTS, exists.reason());
    }

    @Test
    void listFiltersByLabelAndPagesWithContinue() {
        for (int i = 0; i < 5; i++) {
            client.create(pod("default", "p" + i, i % 2 == 0 ? "even" : "odd")).await().atMost(T);
        }
        ListResult<Pod> even = client.list(Pod.class, ListOptions.inNamespace("default").withLabelSelector("app=even")).await().atMost(T);
        assertEquals(List.of("p0", "p2", "p4"), even.items().stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals(5, even.resourceVersion());

        ListResult<Pod> page1 = client.list(Pod.class, ListOptions.all().withLimit(2)).await().atMost(T);
        assertEquals(2, page1.items().size());
        assertTrue(page1.hasMore());
        assertEquals(3, page1.remainingItemCount());
        ListResult<Pod> page2 = client.list(Pod.class, ListOptions.all().withLimit(10).withContinue(page1.continueToken())).await().atMost(T);
        assertEquals(3, page2.items().size());
        assertFalse(page2.hasMore());
    }

    @Test
    void listAllFollowsContinueTokensToTheEnd() {
        for (int i = 0; i < 5; i++) {
            client.create(pod("default", "p" + i, "a")).await().atMost(T);
        }
        ListResult<Pod> all = client.listAll(Pod.class, ListOptions.all(), 2).await().atMost(T);
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4"), all.items().stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals(5, all.resourceVersion());
        assertFalse(all.hasMore());
    }

    @Test
    void updateIsCompareAndSwapOnResourceVersion() {
        Pod p = client.create(pod("default", "p1", "a")).await().atMost(T);
        p.getMetadata().getLabels().put("app", "b");
        Pod updated = client.update(p).await().atMost(T);
        assertEquals("b", updated.getMetadata().getLabels().get("app"));

        p.getMetadata().getLabels().put("app", "stale");
        ApiException e = assertThrows(ApiException.class, () -> client.update(p).await().atMost(T));
        assertEquals(StatusReason.CONFLICT, e.reason());
    }

    @Test
    void updateStatusChangesOnlyStatus() {
        Job job = client.create(new JobBuilder().withNewMetadata().withNamespace("default").withName("j").endMetadata()
                .withNewSpec().withParallelism(1).endSpec().build()).await().atMost(T);
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withActive(3).build());
        job.getSpec().setParallelism(7);
        Job after = client.updateStatus(job).await().atMost(T);
        assertEquals(3, after.getStatus().getActive());
        assertEquals(1, after.getSpec().getParallelism());
    }

    @Test
    void patchMergeAndJson() {
        client.create(pod("default", "p1", "a")).await().atMost(T);
        Pod merged = client.patch(Pod.class, "default", "p1", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"tier\":\"x\"}}}").await().atMost(T);
        assertEquals("x", merged.getMetadata().getLabels().get("tier"));
        assertEquals("a", merged.getMetadata().getLabels().get("app"));
        Pod json = client.patch(Pod.class, "default", "p1", PatchType.JSON,
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/app\"}]").await().atMost(T);
        assertNull(json.getMetadata().getLabels().get("app"));
    }

    @Test
    void deleteHonoursPreconditions() {
        Pod p = client.create(pod("default", "p1", "a")).await().atMost(T);
        ApiException e = assertThrows(ApiException.class, () -> client.delete(Pod.class, "default", "p1",
                DeleteOptions.defaults().withPreconditions("other-uid", null)).await().atMost(T));
        assertEquals(StatusReason.CONFLICT, e.reason());
        Pod dry = client.delete(Pod.class, "default", "p1", DeleteOptions.defaults().withDryRun(true)).await().atMost(T);
        assertEquals("p1", dry.getMetadata().getName());
        client.get(Pod.class, "default", "p1").await().atMost(T);
        client.delete(Pod.class, "default", "p1",
                DeleteOptions.defaults().withPreconditions(p.getMetadata().getUid(), p.getMetadata().getResourceVersion())).await().atMost(T);
        assertThrows(ApiException.class, () -> client.get(Pod.class, "default", "p1").await().atMost(T));
    }

    @Test
    void bindSetsTheNodeOfThePod() {
        client.create(pod("default", "p1", "a")).await().atMost(T);
        client.bind(new BindingBuilder().withNewMetadata().withNamespace("default").withName("p1").endMetadata()
                .withNewTarget().withKind("Node").withName("node-1").endTarget().build()).await().atMost(T);
        assertEquals("node-1", client.get(Pod.class, "default", "p1").await().atMost(T).getSpec().getNodeName());
    }

    @Test
    void watchDeliversTypedEventsFromARevisionIncludingBookmarks() {
        client.create(pod("default", "p1", "a")).await().atMost(T);
        AssertSubscriber<WatchEvent<Pod>> sub = client.watch(Pod.class, ListOptions.all().withResourceVersion(1).withAllowBookmarks(true))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        client.create(pod("default", "p2", "a")).await().atMost(T);
        client.delete(Pod.class, "default", "p1").await().atMost(T);
        server.bookmark();
        List<WatchEvent<Pod>> events = sub.awaitItems(3, T).getItems();
        assertEquals(WatchEvent.Type.ADDED, events.get(0).type());
        assertEquals("p2", events.get(0).object().getMetadata().getName());
        assertEquals(2, events.get(0).resourceVersion());
        assertEquals(WatchEvent.Type.DELETED, events.get(1).type());
        assertEquals("p1", events.get(1).object().getMetadata().getName());
        assertEquals(WatchEvent.Type.BOOKMARK, events.get(2).type());
        assertNull(events.get(2).object());
        assertEquals(3, events.get(2).resourceVersion());
        sub.cancel();
    }

    @Test
    void cancellingAWatchReleasesItOnTheServer() {
        AssertSubscriber<WatchEvent<Pod>> sub = client.watch(Pod.class, ListOptions.all())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        Await.until("watch open", () -> server.openWatches() == 1);
        sub.cancel();
        Await.until("watch released", () -> server.openWatches() == 0);
    }

    @Test
    void watchFromACompactedRevisionFailsWithExpired() {
        client.create(pod("default", "p1", "a")).await().atMost(T);
        client.create(pod("default", "p2", "a")).await().atMost(T);
        server.compact();
        AssertSubscriber<WatchEvent<Pod>> sub = client.watch(Pod.class, ListOptions.all().withResourceVersion(1))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        sub.awaitFailure(T);
        assertEquals(StatusReason.EXPIRED, ((ApiException) sub.getFailure()).reason());
    }

    @Test
    void leaseMicroTimesRoundTrip() {
        ZonedDateTime renew = ZonedDateTime.parse("2024-05-01T10:00:00.123456Z");
        Lease lease = client.create(new LeaseBuilder().withNewMetadata().withNamespace("kube-system").withName("l").endMetadata()
                .withNewSpec().withHolderIdentity("me").withLeaseDurationSeconds(15).withRenewTime(renew).endSpec().build())
                .await().atMost(T);
        assertEquals(renew.toInstant(), lease.getSpec().getRenewTime().toInstant());
        assertEquals("me", lease.getSpec().getHolderIdentity());
    }

    @Test
    void anUnservedKindIsRejectedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> ResourceTypes.of(io.fabric8.kubernetes.api.model.ConfigMap.class));
        assertEquals("jobs", ResourceTypes.of(Job.class).resource());
    }
}
