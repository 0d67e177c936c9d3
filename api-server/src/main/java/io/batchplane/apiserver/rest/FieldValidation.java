package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.resource.Kinds;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side field validation ({@code ?fieldValidation=Strict|Warn|Ignore}): finds the fields of a
 * body that the kind's schema does not know. The fabric8 model keeps such fields in
 * {@code additionalProperties}; a mapper that ignores the any-setters reports each one instead,
 * with its path written as kube-apiserver writes it ({@code spec.template.spec.containers[0].foo}).
 * Strict makes them a 400 BadRequest, Warn turns them into {@code Warning} headers (the default,
 * as upstream), Ignore drops the report; under both, {@link #pruned} removes them from created and
 * replaced objects before they are stored.
 */
final class FieldValidation {

    enum Mode { STRICT, WARN, IGNORE }

    private static final ObjectMapper STRICT_MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            });

    private FieldValidation() {
    }

    static Mode mode(MultiMap query) {
        String v = query.get("fieldValidation");
        if (v == null || v.isEmpty()) {
            return Mode.WARN;
        }
        return switch (v) {
            case "Strict" -> Mode.STRICT;
            case "Warn" -> Mode.WARN;
            case "Ignore" -> Mode.IGNORE;
            default -> throw ApiException.badRequest("fieldValidation parameter unsupported: " + v
                    + ": supported values: \"Ignore\", \"Warn\", \"Strict\"");
        };
    }

    /**
     * The warnings to send for {@code body}; throws BadRequest in Strict mode when a field is
     * unknown. A body that is not JSON is left to the decoder, which words that error.
     */
    static List<String> check(ResourceType type, byte[] body, Mode mode) {
        if (mode == Mode.IGNORE || body == null || body.length == 0) {
            return List.of();
        }
        List<String> unknown = unknownFields(type, body);
        if (unknown.isEmpty()) {
            return List.of();
        }
        List<String> messages = unknown.stream().map(f -> "unknown field \"" + f + "\"").toList();
        if (mode == Mode.STRICT) {
            throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": strict decoding error: " + String.join(", ", messages));
        }
        return messages;
    }

    /**
     * {@code body} without the fields {@code type}'s model does not declare, as kube-apiserver drops
     * them under Warn and Ignore; a body that does not decode is returned as it is, for the
     * resource layer to word the error.
     */
    static byte[] pruned(ResourceType type, byte[] body) {
        if (body == null || body.length == 0) {
            return body;
        }
        try {
            Object model = lenient().readValue(body, Kinds.strategy(type).modelClass());
            return model == null ? body : io.batchplane.apiserver.resource.Json.MAPPER.writeValueAsBytes(model);
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }

    private static ObjectMapper lenient() {
        return STRICT_MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The paths of the fields of {@code body} that {@code type}'s model does not declare. */
    static List<String> unknownFields(ResourceType type, byte[] body) {
        List<String> found = new ArrayList<>();
        ObjectMapper mapper = STRICT_MAPPER.copy().addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                    JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
                JsonStreamContext owner = p.getParsingContext();
                if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                    owner = owner.getParent();
                }
                found.add(path(owner, propertyName));
                p.skipChildren();
                return true;
            }
        });
        try {
            mapper.readValue(body, Kinds.strategy(type).modelClass());
        } catch (IOException | RuntimeException e) {
            return found;
        }
        return found;
    }

    /** The dotted path of {@code propertyName} inside the object {@code owner}. */
    private static String path(JsonStreamContext owner, String propertyName) {
        List<String> parts = new ArrayList<>();
        JsonStreamContext c = owner == null ? null : owner.getParent();
        while (c != null && !c.inRoot()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
            c = c.getParent();
        }
        StringBuilder out = new StringBuilder();
        parts.forEach(out::append);
        out.append('.').append(propertyName);
        return out.charAt(0) == '.' ? out.substring(1) : out.toString();
    }
}
