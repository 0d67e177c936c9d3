package io.batchplane.client.informer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.client.Await;
import io.batchplane.client.FakeResourcesServer;
import io.batchplane.client.ListOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.FakeClock;
import io.batchplane.api.v1.PatchType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SharedInformerTest {

    private static final Duration T = Duration.ofSeconds(5);
    private FakeResourcesServer server;
    private ResourceClient client;
    private final FakeClock clock = new FakeClock();
    private SharedInformer<Pod> informer;
    private final RecordingHandler<Pod> handler = new RecordingHandler<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeResourcesServer();
        client = server.client();
    }

    @AfterEach
    void tearDown() {
        if (informer != null) {
            informer.stop();
        }
        server.close();
    }

    private void start(Duration resync) throws InterruptedException {
        informer = new SharedInformer<>(client, Pod.class, ListOptions.inNamespace("ns"), resync, clock,
                new WatchBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        informer.indexer().addIndex(Indexers.POD_NODE_NAME, Indexers.podsByNodeName());
        informer.addEventHandler(handler);
        informer.start();
        assertTrue(informer.awaitSynced(T));
        Await.until("watch open", () -> server.openWatches() == 1);
    }

    private Pod create(String name) {
        return client.create(new PodBuilder().withNewMetadata().withNamespace("ns").withName(name).endMetadata()
                .withNewSpec().withNodeName("n1").endSpec().build()).await().atMost(T);
    }

    private void label(String name, String value) {
        client.patch(Pod.class, "ns", name, PatchType.MERGE, "{\"metadata\":{\"labels\":{\"v\":\"" + value + "\"}}}").await().atMost(T);
    }

    private void delete(String name) {
        client.delete(Pod.class, "ns", name).await().atMost(T);
    }

    private void awaitEvents(int n) {
        Await.until(n + " events", () -> handler.events.size() >= n, () -> handler.events.toString());
    }

    private Set<String> cachedNames() {
        return informer.indexer().list().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    @Test
    void initialListFillsTheCacheAndReportsAdds() throws Exception {
        create("a");
        create("b");
        client.create(new PodBuilder().withNewMetadata().withNamespace("other").withName("c").endMetadata().build()).await().atMost(T);
        start(Duration.ZERO);
        assertTrue(informer.hasSynced());
        assertEquals(Set.of("add ns/a@1", "add ns/b@2"), Set.copyOf(handler.events));
        assertEquals(Set.of("a", "b"), cachedNames());
        assertEquals(2, informer.indexer().byIndex(Indexers.POD_NODE_NAME, "n1").size());
        assertEquals(List.of(3L), server.watchCalls, "watch starts at the list's revision");
    }

    @Test
    void watchEventsReachHandlersAfterTheCache() throws Exception {
        start(Duration.ZERO);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                handler.events.add("cache has " + informer.indexer().get("ns", p.getMetadata().getName()).isPresent());
            }
        });
        create("a");
        awaitEvents(2);
        label("a", "x");
        delete("a");
        awaitEvents(4);
        assertEquals(List.of("add ns/a@1", "cache has true", "update ns/a@1->2", "delete ns/a@3"), handler.take());
        assertTrue(informer.indexer().list().isEmpty());
        assertTrue(informer.indexer().byIndex(Indexers.POD_NODE_NAME, "n1").isEmpty());
    }

    @Test
    void theSelectionNarrowsListAndWatch() throws Exception {
        client.create(new PodBuilder().withNewMetadata().withNamespace("ns").withName("web").addToLabels("app", "web").endMetadata().build())
                .await().atMost(T);
        create("plain");
        informer = new SharedInformer<>(client, Pod.class, ListOptions.inNamespace("ns").withLabelSelector("app=web"),
                Duration.ZERO, clock, WatchBackoff.DEFAULT);
        informer.addEventHandler(handler);
        informer.start();
        assertTrue(informer.awaitSynced(T));
        Await.until("watch open", () -> server.openWatches() == 1);
        create("plain2");
        client.create(new PodBuilder().withNewMetadata().withNamespace("ns").withName("web2").addToLabels("app", "web").endMetadata().build())
                .await().atMost(T);
        awaitEvents(2);
        assertEquals(List.of("add ns/web@1", "add ns/web2@4"), handler.take());
        assertEquals(Set.of("web", "web2"), cachedNames());
    }

    @Test
    void aHandlerAddedLateFirstSeesEveryCachedObject() throws Exception {
        create("a");
        start(Duration.ZERO);
        RecordingHandler<Pod> late = new RecordingHandler<>();
        informer.addEventHandler(late);
        create("b");
        Await.until("late handler", () -> late.events.size() == 2);
        assertEquals(List.of("add ns/a@1", "add ns/b@2"), late.events);
    }

    @Test
    void resumesAfterADisconnectWithoutMissingOrRepeatingEvents() throws Exception {
        create("a");
        start(Duration.ZERO);
        handler.take();
        server.bookmark();
        create("b");
        awaitEvents(1);
        // Drop the stream and refuse the immediate retry, so changes pile up while disconnected.
        server.refuseWatches(true);
        server.disconnectWatches();
        Await.until("retry parked on the clock", () -> clock.pendingTimers() == 1);
        label("a", "x");
        create("c");
        delete("b");
        server.refuseWatches(false);
        clock.advance(Duration.ofSeconds(1));
        awaitEvents(4);
        assertEquals(List.of("add ns/b@2", "update ns/a@1->3", "add ns/c@4", "delete ns/b@5"), handler.take());
        assertEquals(List.of(1L, 2L, 2L), server.watchCalls, "each retry resumes from the last revision seen");
        assertEquals(Set.of("a", "c"), cachedNames());
        create("d");
        awaitEvents(1);
        assertEquals(List.of("add ns/d@6"), handler.take());
    }

    @Test
    void bookmarksAdvanceTheResumeRevision() throws Exception {
        start(Duration.ZERO);
        client.create(new PodBuilder().withNewMetadata().withNamespace("elsewhere").withName("x").endMetadata().build()).await().atMost(T);
        server.bookmark();
        Await.until("bookmark applied", () -> informer.lastSyncResourceVersion() == 1);
        server.disconnectWatches();
        Await.until("rewatch", () -> server.watchCalls.size() == 2);
        assertEquals(List.of(0L, 1L), server.watchCalls);
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void relistsOnExpiredAndReportsGapDeletionsAsFinalStateUnknown() throws Exception {
        create("keep");
        create("gone");
        create("changed");
        start(Duration.ZERO);
        handler.take();
        server.refuseWatches(true);
        server.disconnectWatches();
        Await.until("retry parked on the clock", () -> clock.pendingTimers() == 1);
        delete("gone");
        label("changed", "x");
        create("new");
        server.compact();
        server.refuseWatches(false);
        clock.advance(Duration.ofSeconds(1));
        // Expired -> relist (after backoff) -> watch from the new snapshot.
        Await.until("relist parked", () -> clock.pendingTimers() == 1 || server.openWatches() == 1);
        clock.advance(Duration.ofSeconds(4));
        Await.until("watch reopened", () -> server.openWatches() == 1);
        List<String> events = handler.take();
        assertTrue(events.contains("delete ns/gone@2 unknown"), events.toString());
        assertTrue(events.contains("update ns/changed@3->5"), events.toString());
        assertTrue(events.contains("add ns/new@6"), events.toString());
        assertTrue(events.contains("update ns/keep@1->1"), events.toString());
        assertEquals(4, events.size(), events.toString());
        assertEquals(Set.of("keep", "changed", "new"), cachedNames());
        assertEquals(6, informer.lastSyncResourceVersion());
        assertEquals(6L, server.watchCalls.get(server.watchCalls.size() - 1));
    }

    @Test
    void resyncReplaysEveryCachedObjectPeriodically() throws Exception {
        create("a");
        create("b");
        start(Duration.ofSeconds(30));
        handler.take();
        clock.advance(Duration.ofSeconds(29));
        Thread.sleep(50);
        assertTrue(handler.events.isEmpty());
        clock.advance(Duration.ofSeconds(1));
        awaitEvents(2);
        assertEquals(Set.of("update ns/a@1->1", "update ns/b@2->2"), Set.copyOf(handler.take()));
        Await.until("next resync scheduled", () -> clock.pendingTimers() == 1);
        clock.advance(Duration.ofSeconds(30));
        awaitEvents(2);
    }

    @Test
    void stopEndsTheWatchAndSilencesHandlers() throws Exception {
        start(Duration.ZERO);
        informer.stop();
        Await.until("watch cancelled at the server", () -> server.openWatches() == 0);
        create("a");
        Thread.sleep(100);
        assertFalse(handler.events.contains("add ns/a@1"));
    }
}
