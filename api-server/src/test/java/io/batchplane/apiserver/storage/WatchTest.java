package io.batchplane.apiserver.storage;

import static io.batchplane.apiserver.storage.StoreTesting.await;
import static io.batchplane.apiserver.storage.StoreTesting.object;
import static io.batchplane.apiserver.storage.StoreTesting.uniqueNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Watch delivery: exactly once, in order, across instances, restarts, compaction and bookmarks. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class WatchTest {

    @Inject
    RevisionStore store;

    @Inject
    Vertx vertx;

    @Inject
    StoreConfig config;

    @Test
    void everyRevisionExactlyOnceInOrderWithEightWritersOnTwoInstances() {
        String ns = uniqueNamespace();
        long from = await(store.currentRevision());
        try (StoreInstance second = new StoreInstance(vertx, store.listenOptions(), from, config.watchCacheSize());
             EventRecorder onFirst = new EventRecorder(store.watch("pods", ns, from));
             EventRecorder onSecond = new EventRecorder(second.cache.watch("pods", ns, from))) {
            Set<Long> written = ConcurrentHashMap.newKeySet();
            List<Uni<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                Function<WriteOp, Uni<StoredObject>> submit = w % 2 == 0 ? this::viaStore : second.batcher::submit;
                writers.add(writer(submit, ns, "w" + w, 500, written));
            }
            int deletes = await(Uni.join().all(writers).andFailFast()).stream().mapToInt(Integer::intValue).sum();

            List<Long> expected = written.stream().sorted().toList();
            assertEquals(4000, expected.size());
            for (EventRecorder recorder : List.of(onFirst, onSecond)) {
                recorder.awaitRevision(expected.get(expected.size() - 1));
                assertEquals(expected, recorder.revisions(), "the set of revisions seen, in order");
                assertEquals(deletes, recorder.changes().stream().filter(e -> e.type() == WatchEventType.DELETED).count());
                for (StoreEvent event : recorder.changes()) {
                    assertEquals(event.revision(), event.object().revision());
                    assertEquals(String.valueOf(event.revision()),
                            event.object().object().path("metadata").path("resourceVersion").asText());
                }
            }
        }
    }

    @Test
    void aRestartedInstanceReplaysTheLogAndThenDeliversLiveChanges() {
        String ns = uniqueNamespace();
        long from = await(store.currentRevision());
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            written.add(await(store.create(new ObjectKey("jobs", ns, "j" + i), object("j" + i, "1"))).revision());
        }
        written.add(await(store.delete(new ObjectKey("jobs", ns, "j3"), 0)).revision());
        long head = await(store.currentRevision());
        try (StoreInstance restarted = new StoreInstance(vertx, store.listenOptions(), head, 100);
             EventRecorder recorder = new EventRecorder(restarted.cache.watch("jobs", ns, from))) {
            written.add(await(store.update(new ObjectKey("jobs", ns, "j4"), 0, object("j4", "2"))).revision());
            recorder.awaitRevision(written.get(written.size() - 1));
            assertEquals(written, recorder.revisions());
            List<StoreEvent> changes = recorder.changes();
            assertEquals(WatchEventType.ADDED, changes.get(0).type());
            assertEquals(WatchEventType.DELETED, changes.get(20).type());
            assertEquals("j3", changes.get(20).object().key().name());
            assertEquals(WatchEventType.MODIFIED, changes.get(21).type());
        }
    }

    @Test
    void aWatchOlderThanASmallRingReadsTheLogThenTheRingThenLiveChanges() {
        String ns = uniqueNamespace();
        long from = await(store.currentRevision());
        try (StoreInstance small = new StoreInstance(vertx, store.listenOptions(), from, 5)) {
            List<Long> written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                written.add(await(store.create(new ObjectKey("pods", ns, "p" + i), object("p" + i, "1"))).revision());
            }
            try (EventRecorder fromLastWrite = new EventRecorder(small.cache.watch("pods", ns, written.get(19)));
                 EventRecorder primer = new EventRecorder(small.cache.watch("pods", ns, written.get(18)))) {
                primer.awaitRevision(written.get(19));
                assertEquals(List.of(), fromLastWrite.revisions(), "nothing after the last write yet");
            }
            try (EventRecorder recorder = new EventRecorder(small.cache.watch("pods", ns, from))) {
                for (int i = 20; i < 25; i++) {
                    written.add(await(store.create(new ObjectKey("pods", ns, "p" + i), object("p" + i, "1"))).revision());
                }
                recorder.awaitRevision(written.get(written.size() - 1));
                assertEquals(written, recorder.revisions());
            }
        }
    }

    @Test
    void aWatchFromBeforeTheCompactedRevisionExpires() {
        String ns = uniqueNamespace();
        long from = await(store.currentRevision());
        ObjectKey key = new ObjectKey("pods", ns, "p");
        await(store.create(key, object("p", "1")));
        StoredObject last = await(store.update(key, 0, object("p", "2")));
        assertEquals(last.revision(), await(store.compactTo(last.revision())));

        try (StoreInstance restarted = new StoreInstance(vertx, store.listenOptions(), last.revision(), 100);
             EventRecorder expired = new EventRecorder(restarted.cache.watch("pods", ns, from));
             EventRecorder fromCompacted = new EventRecorder(restarted.cache.watch("pods", ns, last.revision()))) {
            Throwable failure = expired.awaitFailure();
            assertTrue(failure instanceof ApiException api && api.reason() == StatusReason.EXPIRED, failure.toString());
            assertEquals(410, ((ApiException) failure).status().getCode());

            StoredObject next = await(store.update(key, 0, object("p", "3")));
            fromCompacted.awaitRevision(next.revision());
            assertEquals(List.of(next.revision()), fromCompacted.revisions());
            assertNull(fromCompacted.failure());
        }
    }

    @Test
    void watchersFilterByNamespaceAndResource() {
        String ns = uniqueNamespace();
        String other = uniqueNamespace();
        long from = await(store.currentRevision());
        try (EventRecorder inNs = new EventRecorder(store.watch("pods", ns, from));
             EventRecorder allNs = new EventRecorder(store.watch("pods", null, from))) {
            long a = await(store.create(new ObjectKey("pods", ns, "a"), object("a", "1"))).revision();
            long b = await(store.create(new ObjectKey("pods", other, "b"), object("b", "1"))).revision();
            await(store.create(new ObjectKey("jobs", ns, "c"), object("c", "1")));
            long d = await(store.create(new ObjectKey("pods", ns, "d"), object("d", "1"))).revision();
            inNs.awaitRevision(d);
            allNs.awaitRevision(d);
            assertEquals(List.of(a, d), inNs.revisions());
            assertTrue(allNs.revisions().containsAll(List.of(a, b, d)));
            assertFalse(allNs.changes().stream().anyMatch(e -> !e.object().key().resource().equals("pods")));
        }
    }

    @Test
    void aFilteredWatcherGetsOnlyMatchingObjectsWithTheirStoredText() {
        String ns = uniqueNamespace();
        long from = await(store.currentRevision());
        try (EventRecorder keep = new EventRecorder(store.watch("pods", ns, from,
                o -> o.key().name().startsWith("keep")))) {
            long a = await(store.create(new ObjectKey("pods", ns, "keep-a"), object("keep-a", "1"))).revision();
            await(store.create(new ObjectKey("pods", ns, "drop-b"), object("drop-b", "1")));
            StoredObject c = await(store.create(new ObjectKey("pods", ns, "keep-c"), object("keep-c", "1")));
            await(store.create(new ObjectKey("pods", ns, "drop-d"), object("drop-d", "1")));
            keep.awaitRevision(c.revision());
            assertEquals(List.of(a, c.revision()), keep.revisions());
            StoredObject delivered = keep.changes().get(1).object();
            assertEquals(c.object(), delivered.object());
            assertEquals(c.object(), ObjectJson.read(new String(delivered.json(), StandardCharsets.UTF_8)),
                    "json() is the object's text");
        }
    }

    @Test
    void idleWatchersGetBookmarksWithTheLatestRevision() {
        long from = await(store.currentRevision());
        try (EventRecorder recorder = new EventRecorder(store.watch("cronjobs", uniqueNamespace(), 0))) {
            long deadline = System.nanoTime() + config.bookmarkInterval().multipliedBy(5).toNanos();
            while (recorder.bookmarks().isEmpty() && System.nanoTime() < deadline) {
                EventRecorder.sleep(50);
            }
            assertFalse(recorder.bookmarks().isEmpty(), "no bookmark within 5 intervals");
            StoreEvent bookmark = recorder.bookmarks().get(0);
            assertNull(bookmark.object());
            assertTrue(bookmark.revision() >= from);
            assertTrue(recorder.changes().isEmpty());
        }
    }

    @Test
    void aNegativeRevisionIsABadRequest() {
        Multi<StoreEvent> watch = store.watch("pods", null, -1);
        try (EventRecorder recorder = new EventRecorder(watch)) {
            assertEquals(StatusReason.BAD_REQUEST, ((ApiException) recorder.awaitFailure()).reason());
        }
    }

    private Uni<StoredObject> viaStore(WriteOp op) {
        return switch (op.kind()) {
            case CREATE -> store.create(op.key(), op.object());
            case UPDATE -> store.update(op.key(), op.expectedRevision(), op.object());
            case DELETE -> store.delete(op.key(), op.expectedRevision());
        };
    }

    /**
     * One client doing {@code count} writes one after another over ten keys of its own: create when
     * absent, else mostly compare-and-swap updates and sometimes deletes. Returns how many deletes it did.
     */
    static Uni<Integer> writer(Function<WriteOp, Uni<StoredObject>> submit, String ns, String prefix, int count,
                               Set<Long> written) {
        Map<String, Long> revisions = new HashMap<>();
        int[] deletes = {0};
        return Multi.createFrom().range(0, count).onItem().transformToUniAndConcatenate(j -> {
            String name = prefix + "-" + (j % 10);
            ObjectKey key = new ObjectKey("pods", ns, name);
            Long current = revisions.get(name);
            WriteOp op;
            if (current == null) {
                op = new WriteOp(WriteOp.Kind.CREATE, key, 0, object(name, "v" + j));
            } else if (j % 7 == 3) {
                op = new WriteOp(WriteOp.Kind.DELETE, key, current, null);
            } else {
                op = new WriteOp(WriteOp.Kind.UPDATE, key, current, object(name, "v" + j));
            }
            return submit.apply(op).invoke(stored -> {
                written.add(stored.revision());
                if (op.kind() == WriteOp.Kind.DELETE) {
                    revisions.remove(name);
                    deletes[0]++;
                } else {
                    revisions.put(name, stored.revision());
                }
            });
        }).collect().last().map(ignored -> deletes[0]);
    }
}
