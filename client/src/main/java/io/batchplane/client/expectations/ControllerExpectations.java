package io.batchplane.client.expectations;

import io.batchplane.client.clock.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per controller key, how many creations and deletions the controller issued and has not
 * yet seen come back through its informers. While some are outstanding the key is not
 * {@link #satisfied} and the controller must not act on its (stale) cache again, or it would create
 * or delete twice. Expectations that wait longer than {@link #TIMEOUT} count as satisfied, so a lost
 * watch event cannot wedge a controller forever. A key with no expectations is satisfied.
 * Thread-safe: informer handlers observe while workers expect.
 */
public class ControllerExpectations {

    /** How long outstanding expectations hold a key back (upstream: 5 minutes). */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Expectation> byKey = new ConcurrentHashMap<>();

    public ControllerExpectations(Clock clock) {
        this.clock = clock;
    }

    /** Outstanding counts for a key and when they were set. */
    public record Expectation(long adds, long deletes, Instant setAt) {
        public boolean fulfilled() {
            return adds <= 0 && deletes <= 0;
        }
    }

    /** Replaces the key's expectations with {@code adds} creations (and no deletions), from now. */
    public void expectCreations(String key, int adds) {
        set(key, adds, 0);
    }

    /** Replaces the key's expectations with {@code deletes} deletions (and no creations), from now. */
    public void expectDeletions(String key, int deletes) {
        set(key, 0, deletes);
    }

    /** Replaces the key's expectations, restarting the timeout. */
    public void set(String key, int adds, int deletes) {
        byKey.put(key, new Expectation(adds, deletes, clock.now()));
    }

    /** Adds to existing expectations (without restarting the timeout); no-op for an unknown key. */
    public void raise(String key, int adds, int deletes) {
        byKey.computeIfPresent(key, (k, e) -> new Expectation(e.adds + adds, e.deletes + deletes, e.setAt));
    }

    /** An informer saw one of the expected creations. */
    public void creationObserved(String key) {
        lower(key, 1, 0);
    }

    /** An informer saw one of the expected deletions. */
    public void deletionObserved(String key) {
        lower(key, 0, 1);
    }

    /** Subtracts observed creations/deletions; no-op for an unknown key. */
    public void lower(String key, int adds, int deletes) {
        byKey.computeIfPresent(key, (k, e) -> new Expectation(e.adds - adds, e.deletes - deletes, e.setAt));
    }

    /**
     * Whether the controller may sync {@code key}: no expectations recorded, all of them observed, or
     * they were set more than {@link #TIMEOUT} ago.
     */
    public boolean satisfied(String key) {
        Expectation e = byKey.get(key);
        if (e == null || e.fulfilled()) {
            return true;
        }
        return Duration.between(e.setAt, clock.now()).compareTo(TIMEOUT) > 0;
    }

    public Optional<Expectation> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Forgets the key (its object was deleted). */
    public void delete(String key) {
        byKey.remove(key);
    }
}
