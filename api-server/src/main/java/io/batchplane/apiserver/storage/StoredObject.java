package io.batchplane.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An object as the store holds it at one revision. {@code object.metadata.resourceVersion} equals
 * {@code String.valueOf(revision)}. The node may be shared with other readers (watchers, caches):
 * treat it as immutable and {@code deepCopy()} it before changing anything.
 *
 * <p>{@link #json()} is the object's JSON text, made at most once per instance: an object the store
 * wrote or read already has it (the text that is in the database), so a watch event sent to many
 * watchers, or a write's response, is not serialized again for each of them.
 */
public final class StoredObject {

    private final ObjectKey key;
    private final long revision;
    private final ObjectNode object;
    private volatile byte[] json;

    public StoredObject(ObjectKey key, long revision, ObjectNode object) {
        this(key, revision, object, null);
    }

    /** {@code json}: the text of {@code object} exactly, when the caller has it at hand. */
    StoredObject(ObjectKey key, long revision, ObjectNode object, String json) {
        this.key = key;
        this.revision = revision;
        this.object = object;
        this.json = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }

    /** An object read from the database: its tree parsed from {@code json}, which it keeps as its text. */
    static StoredObject fromText(ObjectKey key, long revision, String json) {
        return new StoredObject(key, revision, ObjectJson.read(json), json);
    }

    public ObjectKey key() {
        return key;
    }

    public long revision() {
        return revision;
    }

    public ObjectNode object() {
        return object;
    }

    /** The object's JSON (UTF-8); the same array every call, so callers must not change it. */
    public byte[] json() {
        byte[] bytes = json;
        if (bytes == null) {
            bytes = ObjectJson.write(object).getBytes(StandardCharsets.UTF_8);
            json = bytes;
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredObject other && revision == other.revision && key.equals(other.key)
                && Objects.equals(object, other.object);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, revision, object);
    }

    @Override
    public String toString() {
        return "StoredObject[key=" + key + ", revision=" + revision + ", object=" + object + "]";
    }
}
