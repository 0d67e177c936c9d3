package io.batchplane.apiserver.storage;

/**
 * One change delivered by {@link RevisionStore#watch}. For DELETED, {@code object} is the last state
 * of the object stamped with the delete's revision; for BOOKMARK, {@code object} is null and
 * {@code revision} tells the watcher it has seen every change up to that revision.
 */
public record StoreEvent(WatchEventType type, long revision, StoredObject object) {

    static StoreEvent bookmark(long revision) {
        return new StoreEvent(WatchEventType.BOOKMARK, revision, null);
    }
}
