package io.batchplane.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.batchplane.api.ApiException;
import java.io.IOException;

/**
 * Converts fabric8 model objects to and from the Kubernetes JSON that travels in the gRPC envelope.
 * Timestamps are written as RFC 3339 strings (the model's own formats), nulls are left out, and
 * unknown fields are kept by the model's {@code additionalProperties}, so an object read from a
 * newer server survives a round trip.
 */
public final class ObjectCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ObjectCodec() {
    }

    /** The mapper used for the wire; shared, do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toJson(Object object) {
        try {
            return MAPPER.writeValueAsBytes(object);
        } catch (IOException e) {
            throw ApiException.badRequest("cannot encode " + object.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw ApiException.internal("cannot decode " + type.getSimpleName() + " from the server: " + e.getMessage());
        }
    }
}
