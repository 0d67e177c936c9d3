package io.batchplane.apiserver.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Deep copies of model objects through their JSON form, for rules that compare an object with a
 * munged copy of its old version (the way upstream's update validation masks mutable fields).
 */
final class Copies {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Copies() {
    }

    static <T> T deepCopy(T value, Class<T> type) {
        if (value == null) {
            return null;
        }
        return JSON.convertValue(value, type);
    }

    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> toMap(Object value) {
        return JSON.convertValue(value, java.util.Map.class);
    }

    /** Structural equality through JSON, which ignores the model's null-versus-empty differences. */
    static boolean sameJson(Object a, Object b) {
        return JSON.valueToTree(a).equals(JSON.valueToTree(b));
    }
}
