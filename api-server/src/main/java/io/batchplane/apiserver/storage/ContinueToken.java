package io.batchplane.apiserver.storage;

import io.batchplane.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a paginated list starts: the snapshot revision every page reads, and the
 * last key returned so far (pages are ordered by namespace, then name). Opaque to clients.
 */
record ContinueToken(long revision, String namespace, String name) {

    private static final String VERSION = "v1";

    String encode() {
        String raw = VERSION + "\n" + revision + "\n" + namespace + "\n" + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a token made by {@link #encode()}; anything else is a BadRequest. */
    static ContinueToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown token layout");
            }
            long revision = Long.parseLong(parts[1]);
            if (revision <= 0 || parts[3].isEmpty()) {
                throw new IllegalArgumentException("bad revision or key");
            }
            return new ContinueToken(revision, parts[2], parts[3]);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid continue token: " + e.getMessage());
        }
    }
}
