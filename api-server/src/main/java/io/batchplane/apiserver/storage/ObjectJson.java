package io.batchplane.apiserver.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;

/**
 * How stored objects turn into text and back, and how the store stamps
 * {@code metadata.resourceVersion}. Stamping always works on a copy: the caller's node and nodes
 * already handed out stay untouched.
 */
final class ObjectJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ObjectJson() {
    }

    /** A copy of {@code object} whose {@code metadata.resourceVersion} is {@code revision}. */
    static ObjectNode stamp(ObjectNode object, long revision) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = copy.get("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
        metadata.put("resourceVersion", String.valueOf(revision));
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
