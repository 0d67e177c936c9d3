package io.batchplane.client.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.client.clock.FakeClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventSpamFilterTest {

    private final FakeClock clock = new FakeClock();

    private static Event event(String component, String object, String reason) {
        return new EventBuilder().withNewSource().withComponent(component).endSource()
                .withNewInvolvedObject().withKind("Job").withApiVersion("batch/v1").withNamespace("default")
                .withName(object).withUid(object + "-uid").endInvolvedObject().withReason(reason).build();
    }

    private int allowed(EventSpamFilter filter, Event e, int attempts) {
        int n = 0;
        for (int i = 0; i < attempts; i++) {
            if (filter.allow(e)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aBurstPerSourceAndObjectThenNothing() {
        EventSpamFilter filter = new EventSpamFilter(clock);
        assertEquals(25, allowed(filter, event("job-controller", "big", "SuccessfulCreate"), 10_000));
    }

    @Test
    void theReasonDoesNotMakeANewBucket() {
        EventSpamFilter filter = new EventSpamFilter(clock);
        allowed(filter, event("job-controller", "big", "SuccessfulCreate"), 25);
        assertFalse(filter.allow(event("job-controller", "big", "Completed")));
    }

    @Test
    void otherObjectsAndSourcesHaveTheirOwnBuckets() {
        EventSpamFilter filter = new EventSpamFilter(clock);
        allowed(filter, event("job-controller", "big", "SuccessfulCreate"), 25);
        assertTrue(filter.allow(event("job-controller", "other", "SuccessfulCreate")));
        assertTrue(filter.allow(event("cronjob-controller", "big", "SawCompletedJob")));
    }

    @Test
    void oneTokenComesBackPerRefillInterval() {
        EventSpamFilter filter = new EventSpamFilter(clock);
        Event e = event("job-controller", "big", "SuccessfulCreate");
        allowed(filter, e, 25);
        clock.advance(Duration.ofMinutes(4));
        assertFalse(filter.allow(e), "not yet a whole token");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(filter.allow(e));
        assertFalse(filter.allow(e));
        clock.advance(Duration.ofDays(1));
        assertEquals(25, allowed(filter, e, 100), "the bucket refills to the burst, no further");
    }

    @Test
    void leastRecentlyUsedKeysAreForgotten() {
        EventSpamFilter filter = new EventSpamFilter(clock, 1, Duration.ofMinutes(5), 2);
        Event a = event("c", "a", "R");
        assertTrue(filter.allow(a));
        assertFalse(filter.allow(a));
        filter.allow(event("c", "b", "R"));
        filter.allow(event("c", "c", "R"));
        assertTrue(filter.allow(a), "a's empty bucket was evicted, so it starts full again");
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new EventSpamFilter(clock, 0, Duration.ofMinutes(5), 10));
        assertThrows(IllegalArgumentException.class, () -> new EventSpamFilter(clock, 1, Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> new EventSpamFilter(clock, 1, Duration.ofMinutes(5), 0));
    }
}
