package io.batchplane.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object as the store holds it at one revision. {@code object.metadata.resourceVersion} equals
 * {@code String.valueOf(revision)}. The node may be shared with other readers (watchers, caches):
 * treat it as immutable and {@code deepCopy()} it before changing anything.
 */
public record StoredObject(ObjectKey key, long revision, ObjectNode object) {
}
