package io.batchplane.scheduler.podgc;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Remembers since when each node that pods are bound to has been missing from the node cache, so the
 * collector asks the API server about a node only after it stayed missing for the quarantine time (a
 * node just created may not have reached the cache yet). A node that shows up again, or that no pod
 * names any more, leaves the quarantine. No I/O; the caller supplies {@code now}. Not thread-safe: one
 * collector thread owns it.
 */
public final class NodeQuarantine {

    private final Duration quarantine;
    private final Map<String, Instant> missingSince = new HashMap<>();

    public NodeQuarantine(Duration quarantine) {
        this.quarantine = quarantine;
    }

    /** Records the nodes missing now; returns those missing for at least the quarantine time, sorted. */
    public Set<String> update(Set<String> missingNow, Instant now) {
        missingSince.keySet().retainAll(missingNow);
        Set<String> due = new TreeSet<>();
        for (String node : missingNow) {
            Instant since = missingSince.computeIfAbsent(node, n -> now);
            if (!since.plus(quarantine).isAfter(now)) {
                due.add(node);
            }
        }
        return due;
    }
}
