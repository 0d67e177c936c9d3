package io.batchplane.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.UUID;

/** Small helpers shared by the store's tests. */
final class StoreTesting {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private StoreTesting() {
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(TIMEOUT);
    }

    /** A minimal object with a name and a data field to tell versions apart. */
    static ObjectNode object(String name, String data) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiVersion", "v1").put("kind", "ConfigMap");
        node.putObject("metadata").put("name", name);
        node.putObject("data").put("value", data);
        return node;
    }

    static String data(StoredObject object) {
        return object.object().path("data").path("value").asText();
    }

    /** A namespace no other test uses, so tests on the shared database do not see each other. */
    static String uniqueNamespace() {
        return "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ApiException assertFails(StatusReason reason, Uni<?> uni) {
        ApiException error = assertThrows(ApiException.class, () -> await(uni));
        assertEquals(reason, error.reason(), error.getMessage());
        return error;
    }
}
