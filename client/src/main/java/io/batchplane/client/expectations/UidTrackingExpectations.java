package io.batchplane.client.expectations;

import io.batchplane.client.clock.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ControllerExpectations} whose deletions are tracked by the identity of the deleted objects:
 * a deletion counts only once and only for an object the controller asked to delete. This matters
 * because an informer may report the same deletion twice (a delete event, then a tombstone after a
 * relist) and the controller also sees deletions it did not cause.
 */
public class UidTrackingExpectations extends ControllerExpectations {

    private final Map<String, Set<String>> uidsByKey = new ConcurrentHashMap<>();

    public UidTrackingExpectations(Clock clock) {
        super(clock);
    }

    /** Expects the deletion of exactly the objects identified by {@code deletedKeys}. */
    public void expectDeletions(String key, Set<String> deletedKeys) {
        Set<String> uids = ConcurrentHashMap.newKeySet();
        uids.addAll(deletedKeys);
        uidsByKey.put(key, uids);
        super.expectDeletions(key, deletedKeys.size());
    }

    /** An informer saw {@code deletedKey} go; counts once, and only if it was expected. */
    public void deletionObserved(String key, String deletedKey) {
        Set<String> uids = uidsByKey.get(key);
        if (uids != null && uids.remove(deletedKey)) {
            super.deletionObserved(key);
        }
    }

    /** The identities still expected to be deleted for {@code key}. */
    public Set<String> pendingDeletions(String key) {
        Set<String> uids = uidsByKey.get(key);
        return uids == null ? Set.of() : Set.copyOf(uids);
    }

    @Override
    public void delete(String key) {
        uidsByKey.remove(key);
        super.delete(key);
    }
}
