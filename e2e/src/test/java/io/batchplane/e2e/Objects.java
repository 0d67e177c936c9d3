package io.batchplane.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.batchplane.api.v1.ResourceObject;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading Kubernetes objects in tests: JSON parsing and status conditions. */
public final class Objects {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Objects() {
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(ResourceObject object) {
        try {
            return JSON.readTree(object.getJson().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The condition of that type in {@code status.conditions}, or a missing node. */
    public static JsonNode condition(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    /** True when the condition of that type has status True. */
    public static boolean hasCondition(JsonNode object, String type) {
        return "True".equals(condition(object, type).path("status").asText());
    }
}
