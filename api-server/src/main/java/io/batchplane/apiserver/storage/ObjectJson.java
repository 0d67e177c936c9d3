package io.batchplane.apiserver.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;

/**
 * How stored objects turn into text and back, and how the store stamps
 * {@code metadata.resourceVersion}. Stamping works on a copy of the top level and of
 * {@code metadata}: the caller's node stays untouched, and the subtrees below are shared, which is
 * safe because written objects are never changed afterwards (see {@link StoredObject}).
 */
final class ObjectJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ObjectJson() {
    }

    /**
     * {@code object} with {@code metadata.resourceVersion} set to {@code revision}, as a new node
     * sharing everything but the top level and {@code metadata} with {@code object}.
     */
    static ObjectNode stamp(ObjectNode object, long revision) {
        ObjectNode copy = object.objectNode();
        copy.setAll(object);
        ObjectNode metadata = copy.objectNode();
        if (object.get("metadata") instanceof ObjectNode m) {
            metadata.setAll(m);
        }
        metadata.put("resourceVersion", String.valueOf(revision));
        copy.set("metadata", metadata);
        return copy;
    }

    static String write(ObjectNode object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw ApiException.internal("cannot serialize object: " + e.getMessage());
        }
    }

    static ObjectNode read(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw ApiException.internal("stored object is not a JSON object: " + e.getMessage());
        }
    }
}
