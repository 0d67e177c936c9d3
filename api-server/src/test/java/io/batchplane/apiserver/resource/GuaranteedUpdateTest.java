package io.batchplane.apiserver.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The optimistic read-modify-write: a remembered version is trusted only through a successful
 * compare-and-swap; every other outcome based on it is redone on a fresh read. The "database" here
 * is one object with a compare-and-swap write, and a counter of reads.
 */
class GuaranteedUpdateTest {

    private static final ObjectKey KEY = new ObjectKey("pods", "ns", "p");

    /** One stored object, its reads counted, and a compare-and-swap write that bumps the revision. */
    private static final class Database {
        StoredObject stored;
        int reads;

        Database(long revision, String value) {
            stored = version(revision, value);
        }

        /** Reads complete on another thread, as the database's do (a long retry chain then needs no deep stack). */
        boolean async;

        Uni<StoredObject> read() {
            reads++;
            Uni<StoredObject> item = Uni.createFrom().item(stored);
            return async ? item.emitOn(Infrastructure.getDefaultWorkerPool()) : item;
        }

        /** The attempt's compare-and-swap, through {@link GuaranteedUpdate#write} as production code does. */
        Uni<StoredObject> write(long expectedRevision, String value) {
            return GuaranteedUpdate.write(Uni.createFrom().deferred(() -> {
                if (stored.revision() != expectedRevision) {
                    return Uni.createFrom().failure(ApiException.conflict(ResourceType.PODS, "p", "modified"));
                }
                stored = version(expectedRevision + 1, value);
                return Uni.createFrom().item(stored);
            }));
        }
    }

    private static StoredObject version(long revision, String value) {
        ObjectNode object = JsonNodeFactory.instance.objectNode().put("value", value);
        return new StoredObject(KEY, revision, object);
    }

    private static String value(StoredObject o) {
        return o.object().path("value").asText();
    }

    private static StoredObject run(Database db, StoredObject remembered,
            Function<StoredObject, Uni<StoredObject>> attempt) {
        return GuaranteedUpdate.run(() -> remembered, db::read, attempt).await().atMost(Duration.ofSeconds(5));
    }

    /** Appends "+" to the value and writes it with compare-and-swap on the version it started from. */
    private static Function<StoredObject, Uni<StoredObject>> append(Database db) {
        return current -> db.write(current.revision(), value(current) + "+");
    }

    @Test
    void withoutARememberedVersionTheDatabaseIsRead() {
        Database db = new Database(4, "a");
        StoredObject written = run(db, null, append(db));
        assertEquals(List.of(5L, "a+", 1), List.of(written.revision(), value(written), db.reads));
    }

    @Test
    void aCurrentRememberedVersionIsWrittenWithoutARead() {
        Database db = new Database(4, "a");
        StoredObject written = run(db, version(4, "a"), append(db));
        assertEquals(List.of(5L, "a+", 0), List.of(written.revision(), value(written), db.reads));
    }

    @Test
    void aStaleRememberedVersionLosesTheCompareAndSwapAndIsRedoneOnAFreshRead() {
        Database db = new Database(6, "b");
        StoredObject written = run(db, version(4, "a"), append(db));
        assertEquals(List.of(7L, "b+", 1), List.of(written.revision(), value(written), db.reads),
                "the change applies to what is stored, not to the stale copy");
    }

    @Test
    void aRejectionBasedOnAStaleVersionIsRedoneOnAFreshRead() {
        Database db = new Database(6, "valid");
        StoredObject written = run(db, version(4, "invalid"), current -> {
            if (value(current).equals("invalid")) {
                throw ApiException.invalid(ResourceType.PODS, "p", List.of());
            }
            return db.write(current.revision(), "changed");
        });
        assertEquals(List.of(7L, "changed", 1), List.of(written.revision(), value(written), db.reads));
    }

    @Test
    void aRejectionOnTheFreshReadStands() {
        Database db = new Database(6, "b");
        ApiException e = assertThrows(ApiException.class, () -> run(db, version(4, "a"),
                current -> Uni.createFrom().failure(ApiException.badRequest("no"))));
        assertEquals(List.of("no", 1), List.of(e.getMessage(), db.reads));
    }

    @Test
    void aNoOpOnARememberedVersionIsAnsweredFromAFreshRead() {
        Database db = new Database(6, "b");
        StoredObject unchanged = run(db, version(4, "a"), current -> Uni.createFrom().item(current));
        assertSame(db.stored, unchanged, "a no-op returns what is stored, not the remembered copy");
        assertEquals(1, db.reads);
    }

    @Test
    void aServerErrorIsNotRetriedBecauseTheWriteMayHaveCommitted() {
        Database db = new Database(4, "a");
        ApiException e = assertThrows(ApiException.class, () -> run(db, version(4, "a"),
                current -> Uni.createFrom().failure(ApiException.internal("connection lost"))));
        assertEquals(List.of(500, 0), List.of(e.reason().httpCode(), db.reads));
    }

    @Test
    void everySubscriptionLooksTheRememberedVersionUpAgain() {
        Database db = new Database(4, "a");
        StoredObject[] remembered = {null};
        Uni<StoredObject> update = GuaranteedUpdate.run(() -> remembered[0], db::read, append(db));
        update.await().indefinitely();
        remembered[0] = db.stored;
        StoredObject second = update.await().indefinitely();
        assertEquals(List.of(6L, "a++", 1), List.of(second.revision(), value(second), db.reads));
    }

    @Test
    void aRaceLostOnAFreshReadIsRetriedOnTheNextFreshRead() {
        Database db = new Database(4, "a");
        int[] concurrentWrites = {3};
        StoredObject written = run(db, null, current -> {
            if (concurrentWrites[0]-- > 0) {
                db.stored = version(db.stored.revision() + 1, value(db.stored) + "*");
            }
            return db.write(current.revision(), value(current) + "+");
        });
        assertEquals(List.of(8L, "a***+", 4), List.of(written.revision(), value(written), db.reads),
                "three lost races, then the change applies on top of all three concurrent writes");
    }

    @Test
    void aConflictFromTheAttemptsOwnCheckIsNotRetried() {
        Database db = new Database(6, "b");
        ApiException e = assertThrows(ApiException.class, () -> run(db, null,
                current -> Uni.createFrom().failure(ApiException.conflict(ResourceType.PODS, "p", "precondition"))));
        assertEquals(List.of(409, 1), List.of(e.reason().httpCode(), db.reads));
    }

    @Test
    void racesLostWithoutEndReturnTheConflictAfterTheBound() {
        Database db = new Database(4, "a");
        db.async = true;
        ApiException e = assertThrows(ApiException.class, () -> run(db, null, current -> {
            db.stored = version(db.stored.revision() + 1, "other");
            return db.write(current.revision(), "mine");
        }));
        assertEquals(List.of(409, GuaranteedUpdate.MAX_LOST_RACES + 1), List.of(e.reason().httpCode(), db.reads));
    }
}
