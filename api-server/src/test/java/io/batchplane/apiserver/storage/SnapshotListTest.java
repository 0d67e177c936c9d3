package io.batchplane.apiserver.storage;

import static io.batchplane.apiserver.storage.StoreTesting.assertFails;
import static io.batchplane.apiserver.storage.StoreTesting.await;
import static io.batchplane.apiserver.storage.StoreTesting.object;
import static io.batchplane.apiserver.storage.StoreTesting.uniqueNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Paginated lists read one snapshot, whatever writers do between the pages. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SnapshotListTest {

    @Inject
    RevisionStore store;

    @Test
    void pagesReturnExactlyTheSnapshotWhileWritersChangeObjects() {
        String ns = uniqueNamespace();
        List<StoredObject> snapshot = createObjects(ns, 50);

        ListResult first = await(store.list("pods", ns, null, 7, null));
        assertEquals(7, first.items().size());
        assertEquals(43, first.remainingItemCount());
        assertNotNull(first.continueToken());

        List<StoredObject> seen = new ArrayList<>(first.items());
        ListResult page = first;
        int round = 0;
        while (page.continueToken() != null) {
            churn(ns, round++);
            page = await(store.list("pods", ns, null, 7, page.continueToken()));
            assertEquals(first.revision(), page.revision());
            seen.addAll(page.items());
        }
        assertEquals(snapshot, seen);

        List<StoredObject> now = await(store.list("pods", ns, null, 0, null)).items();
        assertEquals(false, now.equals(snapshot), "the writers did change the live state");
    }

    @Test
    void continuationsAtOrAfterTheCompactedRevisionStillReadTheirSnapshot() {
        String ns = uniqueNamespace();
        List<StoredObject> snapshot = createObjects(ns, 12);
        ListResult first = await(store.list("pods", ns, null, 5, null));
        for (int i = 0; i < 12; i++) {
            String name = name(i);
            await(store.update(new ObjectKey("pods", ns, name), 0, object(name, "changed")));
        }
        await(store.delete(new ObjectKey("pods", ns, name(11)), 0));
        await(store.compactTo(first.revision()));

        List<StoredObject> seen = new ArrayList<>(first.items());
        ListResult page = first;
        while (page.continueToken() != null) {
            page = await(store.list("pods", ns, null, 5, page.continueToken()));
            seen.addAll(page.items());
        }
        assertEquals(snapshot, seen);
    }

    @Test
    void continuationsFromBeforeTheCompactedRevisionExpire() {
        String ns = uniqueNamespace();
        createObjects(ns, 4);
        ListResult first = await(store.list("pods", ns, null, 2, null));
        await(store.update(new ObjectKey("pods", ns, name(0)), 0, object(name(0), "changed")));
        await(store.compactTo(await(store.currentRevision())));
        assertFails(StatusReason.EXPIRED, store.list("pods", ns, null, 2, first.continueToken()));
    }

    @Test
    void filteredPagesHoldOnlyMatchingItems() {
        String ns = uniqueNamespace();
        List<StoredObject> all = createObjects(ns, 30);
        Predicate<StoredObject> even = o -> Integer.parseInt(o.key().name().substring(1)) % 2 == 0;
        List<StoredObject> seen = new ArrayList<>();
        ListResult page = await(store.list("pods", ns, even, 4, null));
        seen.addAll(page.items());
        while (page.continueToken() != null) {
            page = await(store.list("pods", ns, even, 4, page.continueToken()));
            seen.addAll(page.items());
        }
        assertEquals(all.stream().filter(even).toList(), seen);
    }

    @Test
    void anUnlimitedListIsOnePageAcrossNamespaces() {
        String a = uniqueNamespace();
        String b = uniqueNamespace();
        createObjects(a, 3);
        createObjects(b, 2);
        ListResult all = await(store.list("pods", null, o -> o.key().namespace().equals(a)
                || o.key().namespace().equals(b), 0, null));
        assertEquals(5, all.items().size());
        assertNull(all.continueToken());
        assertEquals(3, await(store.list("pods", a, null, 0, null)).items().size());
    }

    @Test
    void aMalformedContinueTokenIsABadRequest() {
        assertFails(StatusReason.BAD_REQUEST, store.list("pods", null, null, 5, "garbage"));
    }

    private List<StoredObject> createObjects(String ns, int count) {
        List<StoredObject> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(await(store.create(new ObjectKey("pods", ns, name(i)), object(name(i), "v1"))));
        }
        return created;
    }

    /** Updates, deletes and creates keys before, inside and after the part already paged. */
    private void churn(String ns, int round) {
        for (int i = round; i < 50; i += 7) {
            String name = name(i);
            ObjectKey key = new ObjectKey("pods", ns, name);
            if (i % 3 == 0) {
                await(store.delete(key, 0).onFailure().recoverWithNull());
            } else {
                await(store.update(key, 0, object(name, "v2-" + round)).onFailure().recoverWithNull());
            }
        }
        await(store.create(new ObjectKey("pods", ns, "a-new-" + round), object("a", "new")));
        await(store.create(new ObjectKey("pods", ns, name(round * 7) + "x"), object("x", "new")));
        await(store.create(new ObjectKey("pods", ns, "z-new-" + round), object("z", "new")));
        StoredObject recreated = await(store.get(new ObjectKey("pods", ns, name(49))).onFailure().recoverWithNull());
        if (recreated == null) {
            await(store.create(new ObjectKey("pods", ns, name(49)), object(name(49), "reborn")));
        }
    }

    private static String name(int i) {
        return String.format("p%02d", i);
    }

}
