package io.batchplane.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContinueTokenTest {

    @ParameterizedTest(name = "revision {0}, key {1}/{2}")
    @CsvSource({"1,'',node-1", "42,default,job-a", "9223372036854775807,kube-system,x"})
    void roundTrips(long revision, String namespace, String name) {
        ContinueToken token = new ContinueToken(revision, namespace, name);
        assertEquals(token, ContinueToken.decode(token.encode()));
    }

    @ParameterizedTest(name = "rejects {0}")
    @ValueSource(strings = {"", "not base64!", "djEKMQ", "v2\n1\nns\nname", "v1\nabc\nns\nname", "v1\n0\nns\nname",
            "v1\n5\nns\n"})
    void rejectsMalformedTokensAsBadRequest(String raw) {
        String token = raw.startsWith("v")
                ? Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)) : raw;
        ApiException error = assertThrows(ApiException.class, () -> ContinueToken.decode(token));
        assertEquals(StatusReason.BAD_REQUEST, error.reason());
    }
}
