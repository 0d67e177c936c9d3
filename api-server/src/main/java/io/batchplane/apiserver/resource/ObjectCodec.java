package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;

/**
 * Turns request bodies into objects and back. Every malformed body becomes a clear 4xx here, before
 * anything is stored: too large (413), not JSON or not an object (400), a kind that does not belong
 * to the resource named by the request (400), a field of the wrong type (422).
 */
public final class ObjectCodec {

    /** Upstream's default limit on a request body that is stored (etcd's 1.5 MiB). */
    public static final int MAX_OBJECT_BYTES = 3 * 1024 * 1024 / 2;

    private ObjectCodec() {
    }

    /** Parses a body meant for {@code type}; fills in apiVersion and kind when absent. */
    public static ObjectNode decode(ResourceType type, byte[] body) {
        if (body.length > MAX_OBJECT_BYTES) {
            throw ApiException.of(StatusReason.REQUEST_ENTITY_TOO_LARGE,
                    "Request entity too large: limit is " + MAX_OBJECT_BYTES);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the object provided is not valid JSON: " + firstLine(e));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the object provided must be a JSON object");
        }
        ObjectNode object = (ObjectNode) node;
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.isEmpty() && kind.isEmpty()) {
            object.put("apiVersion", type.apiVersion());
            object.put("kind", type.kind());
        } else if (!type.apiVersion().equals(apiVersion) || !type.kind().equals(kind)) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion + ") and kind (" + kind
                    + ") do not match the expected " + type.apiVersion() + " " + type.kind());
        }
        JsonNode metadata = object.get("metadata");
        if (metadata == null || metadata.isNull()) {
            object.putObject("metadata");
        } else if (!metadata.isObject()) {
            throw invalidType(type, "metadata", "object");
        }
        rejectNullListItems(type, object);
        return object;
    }

    /**
     * A {@code null} inside a list ({@code "containers":[null]}) has no meaning in any Kubernetes
     * object; it is refused here with its path, before defaulting or validation could trip on it.
     * The walk is iterative, so a deeply nested body cannot overflow the stack.
     */
    private static void rejectNullListItems(ResourceType type, ObjectNode object) {
        java.util.ArrayDeque<java.util.Map.Entry<String, JsonNode>> pending = new java.util.ArrayDeque<>();
        pending.push(java.util.Map.entry("", object));
        while (!pending.isEmpty()) {
            java.util.Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String item = path + "[" + i + "]";
                    if (node.get(i).isNull()) {
                        throw ApiException.invalid(type, object.path("metadata").path("name").asText(""),
                                java.util.List.of(ApiException.cause("FieldValueRequired", item, "Required value")));
                    }
                    pending.push(java.util.Map.entry(item, node.get(i)));
                }
            } else if (node.isObject()) {
                node.fields().forEachRemaining(f -> pending.push(
                        java.util.Map.entry(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue())));
            }
        }
    }

    /** The typed model of an object; a field of the wrong type is a 422 naming it. */
    public static <T extends HasMetadata> T toModel(ResourceType type, ObjectNode object, Class<T> modelClass) {
        try {
            return Json.MAPPER.treeToValue(object, modelClass);
        } catch (JsonProcessingException e) {
            String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException jme
                    ? pathOf(jme) : "";
            throw invalidType(type, path.isEmpty() ? "<body>" : path, "a value of the right type");
        }
    }

    public static ObjectNode toNode(HasMetadata model) {
        return Json.MAPPER.valueToTree(model);
    }

    /**
     * Whether two objects hold the same JSON, numbers compared by value: a tree parsed from stored
     * text holds 30 as an int where the model writes a long, which is not a change.
     */
    public static boolean sameContent(JsonNode a, JsonNode b) {
        return a.equals(ObjectCodec::compareLeaves, b);
    }

    private static int compareLeaves(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    }

    public static byte[] encode(JsonNode object) {
        try {
            return Json.MAPPER.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw ApiException.internal("cannot encode object: " + e.getOriginalMessage());
        }
    }

    private static ApiException invalidType(ResourceType type, String field, String expected) {
        return ApiException.invalid(type, "", java.util.List.of(
                ApiException.cause("FieldValueInvalid", field, "Invalid value: expected " + expected)));
    }

    private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
