package io.batchplane.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The parse cache behind reads of the store: reuse only at exactly the remembered revision. */
class RecentObjectsTest {

    private static final ObjectKey A = new ObjectKey("pods", "ns", "a");
    private static final ObjectKey B = new ObjectKey("pods", "ns", "b");

    private static StoredObject stored(ObjectKey key, long revision, String data) {
        return new StoredObject(key, revision, StoreTesting.object(key.name(), data));
    }

    private static String text(StoredObject o) {
        return ObjectJson.write(o.object());
    }

    @Test
    void theRememberedTreeIsReusedAtItsRevision() {
        RecentObjects recent = new RecentObjects(10);
        StoredObject written = stored(A, 5, "five");
        recent.remember(written);
        assertSame(written, recent.resolve(A, 5, text(written)));
    }

    @Test
    void anotherRevisionIsParsedFromTheRowAndRememberedForNextTime() {
        RecentObjects recent = new RecentObjects(10);
        recent.remember(stored(A, 5, "five"));
        String row = text(stored(A, 7, "seven"));
        StoredObject read = recent.resolve(A, 7, row);
        assertEquals("seven", StoreTesting.data(read));
        assertEquals(7, read.revision());
        assertSame(read, recent.resolve(A, 7, row));
    }

    @Test
    void anOlderWriteDoesNotReplaceANewerOne() {
        RecentObjects recent = new RecentObjects(10);
        StoredObject newer = stored(A, 9, "nine");
        recent.remember(newer);
        recent.remember(stored(A, 8, "eight"));
        assertSame(newer, recent.resolve(A, 9, text(newer)));
        assertEquals("eight", StoreTesting.data(recent.resolve(A, 8, text(stored(A, 8, "eight")))));
    }

    @Test
    void theLeastRecentlyUsedKeyGoesBeyondCapacity() {
        RecentObjects recent = new RecentObjects(1);
        StoredObject a = stored(A, 1, "a");
        recent.remember(a);
        recent.remember(stored(B, 2, "b"));
        StoredObject again = recent.resolve(A, 1, text(a));
        assertNotSame(a, again, "A was evicted, so its row is parsed again");
        assertEquals(a, again);
    }

    @Test
    void theLatestVersionIsTheNewestRememberedOrRead() {
        RecentObjects recent = new RecentObjects(10);
        assertNull(recent.latest(A));
        recent.remember(stored(A, 5, "five"));
        StoredObject read = recent.resolve(A, 7, text(stored(A, 7, "seven")));
        recent.remember(stored(A, 6, "six"));
        assertSame(read, recent.latest(A));
    }
}
