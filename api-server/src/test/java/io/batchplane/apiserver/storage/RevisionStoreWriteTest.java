package io.batchplane.apiserver.storage;

import static io.batchplane.apiserver.storage.StoreTesting.assertFails;
import static io.batchplane.apiserver.storage.StoreTesting.await;
import static io.batchplane.apiserver.storage.StoreTesting.data;
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
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compare-and-swap writes against a real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class RevisionStoreWriteTest {

    @Inject
    RevisionStore store;

    @Test
    void createStampsTheNextRevisionAsResourceVersion() {
        String ns = uniqueNamespace();
        long before = await(store.currentRevision());
        StoredObject created = await(store.create(new ObjectKey("pods", ns, "a"), object("a", "1")));
        assertTrue(created.revision() > before);
        assertEquals(String.valueOf(created.revision()), created.object().path("metadata").path("resourceVersion").asText());
        StoredObject read = await(store.get(new ObjectKey("pods", ns, "a")));
        assertEquals(created.revision(), read.revision());
        assertEquals(created.object(), read.object());
        assertTrue(await(store.currentRevision()) >= created.revision());
    }

    @Test
    void doubleCreateFailsWithAlreadyExists() {
        ObjectKey key = new ObjectKey("pods", uniqueNamespace(), "a");
        StoredObject first = await(store.create(key, object("a", "1")));
        ApiException error = assertFails(StatusReason.ALREADY_EXISTS, store.create(key, object("a", "2")));
        assertEquals("pods \"a\" already exists", error.getMessage());
        assertEquals(first, await(store.get(key)));
    }

    @Test
    void staleUpdateAndDeleteFailWithConflictAndChangeNothing() {
        ObjectKey key = new ObjectKey("jobs", uniqueNamespace(), "j");
        StoredObject v1 = await(store.create(key, object("j", "1")));
        StoredObject v2 = await(store.update(key, v1.revision(), object("j", "2")));
        assertTrue(v2.revision() > v1.revision());

        ApiException conflict = assertFails(StatusReason.CONFLICT, store.update(key, v1.revision(), object("j", "3")));
        assertTrue(conflict.getMessage().startsWith("Operation cannot be fulfilled on jobs.batch \"j\""), conflict.getMessage());
        assertFails(StatusReason.CONFLICT, store.delete(key, v1.revision()));
        assertEquals(v2, await(store.get(key)));

        StoredObject deleted = await(store.delete(key, v2.revision()));
        assertEquals("2", data(deleted));
        assertTrue(deleted.revision() > v2.revision());
        assertFails(StatusReason.NOT_FOUND, store.get(key));
    }

    @Test
    void unconditionalUpdateAndDeleteIgnoreTheRevision() {
        ObjectKey key = new ObjectKey("nodes", "", "n1");
        await(store.create(key, object("n1", "1")));
        await(store.update(key, 0, object("n1", "2")));
        assertEquals("2", data(await(store.get(key))));
        await(store.delete(key, 0));
        assertFails(StatusReason.NOT_FOUND, store.get(key));
    }

    @Test
    void writesToMissingObjectsFailWithNotFound() {
        ObjectKey key = new ObjectKey("pods", uniqueNamespace(), "missing");
        ApiException error = assertFails(StatusReason.NOT_FOUND, store.update(key, 0, object("missing", "x")));
        assertEquals("pods \"missing\" not found", error.getMessage());
        assertFails(StatusReason.NOT_FOUND, store.delete(key, 0));
    }

    @Test
    void aFailedWriteInAConcurrentBatchLeavesNoTraceAndTheOthersSucceed() {
        String ns = uniqueNamespace();
        ObjectKey taken = new ObjectKey("pods", ns, "taken");
        StoredObject original = await(store.create(taken, object("taken", "original")));
        long before = await(store.currentRevision());

        List<Uni<Object>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(store.create(new ObjectKey("pods", ns, "p" + i), object("p" + i, "x"))
                    .map(o -> (Object) o).onFailure().recoverWithItem(f -> f));
            writes.add(store.create(taken, object("taken", "clobbered " + i))
                    .map(o -> (Object) o).onFailure().recoverWithItem(f -> f));
        }
        List<Object> results = await(Uni.join().all(writes).andFailFast());

        long succeeded = results.stream().filter(StoredObject.class::isInstance).count();
        long alreadyExists = results.stream().filter(r -> r instanceof ApiException e
                && e.reason() == StatusReason.ALREADY_EXISTS).count();
        assertEquals(20, succeeded);
        assertEquals(20, alreadyExists);
        assertEquals(original, await(store.get(taken)));
        ListResult listed = await(store.list("pods", ns, null, 0, null));
        assertEquals(21, listed.items().size());
        assertTrue(listed.revision() >= before + 20);
    }
}
