package io.batchplane.scheduler.podgc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeQuarantineTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void aNodeIsDueOnlyAfterStayingMissingForTheWholeQuarantine() {
        NodeQuarantine q = new NodeQuarantine(Duration.ofSeconds(40));
        assertEquals(Set.of(), q.update(Set.of("a"), T0), "just seen missing");
        assertEquals(Set.of(), q.update(Set.of("a", "b"), T0.plusSeconds(20)), "a half way, b new");
        assertEquals(Set.of("a"), q.update(Set.of("a", "b"), T0.plusSeconds(40)), "a served its time");
        assertEquals(Set.of("a", "b"), q.update(Set.of("a", "b"), T0.plusSeconds(60)), "b too; a stays due");
    }

    @Test
    void aNodeThatShowsUpAgainStartsOverWhenItGoesMissingAgain() {
        NodeQuarantine q = new NodeQuarantine(Duration.ofSeconds(40));
        q.update(Set.of("a"), T0);
        assertEquals(Set.of(), q.update(Set.of(), T0.plusSeconds(30)), "back in the cache");
        assertEquals(Set.of(), q.update(Set.of("a"), T0.plusSeconds(50)), "missing again: the clock restarts");
        assertEquals(Set.of("a"), q.update(Set.of("a"), T0.plusSeconds(90)));
    }
}
