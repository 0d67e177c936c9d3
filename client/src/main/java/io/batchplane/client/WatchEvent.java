package io.batchplane.client;

/**
 * A typed watch event. For {@link Type#BOOKMARK} the object is null and only
 * {@code resourceVersion} matters: every change up to it has been delivered. For
 * {@link Type#DELETED} the object is its last state.
 */
public record WatchEvent<T>(Type type, T object, long resourceVersion) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK }
}
