package io.batchplane.client.informer;

/**
 * Receives an informer's changes, after the informer's cache already reflects them. Calls for one
 * informer come one at a time, in order, on the informer's thread: handlers must be quick (enqueue
 * a key) and must not mutate the objects they are given.
 */
public interface ResourceEventHandler<T> {

    /** {@code object} appeared (also for every cached object when the handler is added late). */
    default void onAdd(T object) {
    }

    /**
     * {@code object} changed from {@code old}. Also called with an unchanged object on a relist and
     * on each periodic resync (then {@code old == object} or both carry the same resourceVersion).
     */
    default void onUpdate(T old, T object) {
    }

    /**
     * {@code object} was deleted. {@code finalStateUnknown} is true when the deletion was inferred
     * from a relist rather than seen: {@code object} is then the last state the cache knew, which
     * may be stale (the upstream "DeletedFinalStateUnknown" tombstone).
     */
    default void onDelete(T object, boolean finalStateUnknown) {
    }
}
