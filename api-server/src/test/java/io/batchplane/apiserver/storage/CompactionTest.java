package io.batchplane.apiserver.storage;

import static io.batchplane.apiserver.storage.StoreTesting.await;
import static io.batchplane.apiserver.storage.StoreTesting.object;
import static io.batchplane.apiserver.storage.StoreTesting.uniqueNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention-driven compaction keeps the newest revisions and each key's latest state. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class CompactionTest {

    @Inject
    RevisionStore store;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void compactionKeepsTheRetainedRevisionsAndEachKeysLatestStateBeforeThem() {
        String ns = uniqueNamespace();
        ObjectKey kept = new ObjectKey("pods", ns, "kept");
        ObjectKey gone = new ObjectKey("pods", ns, "gone");
        StoredObject keptCreated = await(store.create(kept, object("kept", "1")));
        await(store.create(gone, object("gone", "1")));
        StoredObject goneUpdated = await(store.update(gone, 0, object("gone", "2")));
        await(store.delete(gone, 0));
        for (int i = 0; i < 5; i++) {
            await(store.create(new ObjectKey("pods", ns, "later" + i), object("later", "1")));
        }
        long head = await(store.currentRevision());

        long compacted = await(new Compactor(pool).compact(Duration.ZERO, 5));
        assertEquals(head - 5, compacted);

        assertEquals(List.of(keptCreated.revision()), logRevisions(kept), "the latest state of a live key stays");
        assertEquals(List.of(), logRevisions(gone), "a deleted key's history and tombstone go");
        assertTrue(goneUpdated.revision() <= compacted);

        try (StoreInstance restarted = new StoreInstance(vertx, store.listenOptions(), head, 10);
             EventRecorder tooOld = new EventRecorder(restarted.cache.watch("pods", ns, compacted - 1));
             EventRecorder retained = new EventRecorder(restarted.cache.watch("pods", ns, compacted))) {
            assertEquals(StatusReason.EXPIRED, ((ApiException) tooOld.awaitFailure()).reason());
            retained.awaitRevision(head);
            assertEquals(5, retained.revisions().size());
        }
        assertEquals(6, await(store.list("pods", ns, null, 0, null)).items().size());
    }

    private List<Long> logRevisions(ObjectKey key) {
        return await(pool.preparedQuery("SELECT revision FROM log WHERE resource = $1 AND namespace = $2 "
                + "AND name = $3 ORDER BY revision").execute(Tuple.of(key.resource(), key.namespace(), key.name())))
                .stream().map(row -> row.getLong(0)).toList();
    }
}
