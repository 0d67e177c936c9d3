package io.batchplane.ttlcontroller.sync;

import java.time.Duration;
import java.time.Instant;

/** What the TTL-after-finished controller should do with one Job now. */
public sealed interface TtlDecision {

    /** The TTL has expired (at {@code expiredAt}): delete the Job. */
    record Delete(Instant expiredAt) implements TtlDecision {
    }

    /** The TTL expires in {@code after}: look at the Job again then. */
    record CheckAgain(Duration after) implements TtlDecision {
    }

    /** Nothing to do, now or later, unless the Job changes (not finished, no TTL, or already being deleted). */
    record Ignore(String why) implements TtlDecision {
    }

    /** The Job claims to have finished but its finish time cannot be read: retry with backoff. */
    record Invalid(String error) implements TtlDecision {
    }
}
