package io.batchplane.client.expectations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.client.clock.FakeClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    private final FakeClock clock = new FakeClock();
    private final ControllerExpectations exp = new ControllerExpectations(clock);

    @Test
    void unknownKeysAreSatisfied() {
        assertTrue(exp.satisfied("ns/job"));
    }

    @Test
    void creationsMustAllBeObserved() {
        exp.expectCreations("ns/job", 2);
        assertFalse(exp.satisfied("ns/job"));
        exp.creationObserved("ns/job");
        assertFalse(exp.satisfied("ns/job"));
        exp.creationObserved("ns/job");
        assertTrue(exp.satisfied("ns/job"));
    }

    @Test
    void deletionsAndRaiseAddUp() {
        exp.expectDeletions("k", 1);
        exp.raise("k", 1, 1);
        assertEquals(new ControllerExpectations.Expectation(1, 2, clock.now()), exp.get("k").orElseThrow());
        exp.deletionObserved("k");
        exp.deletionObserved("k");
        assertFalse(exp.satisfied("k"));
        exp.creationObserved("k");
        assertTrue(exp.satisfied("k"));
    }

    @Test
    void observationsBeyondExpectationsStaySatisfied() {
        exp.expectCreations("k", 1);
        exp.creationObserved("k");
        exp.creationObserved("k");
        assertTrue(exp.satisfied("k"));
        exp.creationObserved("unknown");
        assertTrue(exp.get("unknown").isEmpty(), "observing an unknown key records nothing");
    }

    @Test
    void expectationsExpireAfterFiveMinutes() {
        exp.expectCreations("k", 3);
        clock.advance(Duration.ofMinutes(5));
        assertFalse(exp.satisfied("k"), "exactly the timeout still holds the key back");
        clock.advance(Duration.ofMillis(1));
        assertTrue(exp.satisfied("k"));
        exp.expectCreations("k", 1);
        assertFalse(exp.satisfied("k"), "setting again restarts the timeout");
    }

    @Test
    void deleteForgetsTheKey() {
        exp.expectCreations("k", 1);
        exp.delete("k");
        assertTrue(exp.satisfied("k"));
        assertTrue(exp.get("k").isEmpty());
    }

    @Test
    void uidTrackingCountsEachExpectedDeletionOnce() {
        UidTrackingExpectations uids = new UidTrackingExpectations(clock);
        uids.expectDeletions("k", Set.of("ns/p1", "ns/p2"));
        uids.deletionObserved("k", "ns/p1");
        uids.deletionObserved("k", "ns/p1");
        uids.deletionObserved("k", "ns/other");
        assertFalse(uids.satisfied("k"));
        assertEquals(Set.of("ns/p2"), uids.pendingDeletions("k"));
        uids.deletionObserved("k", "ns/p2");
        assertTrue(uids.satisfied("k"));
        uids.delete("k");
        assertEquals(Set.of(), uids.pendingDeletions("k"));
    }
}
