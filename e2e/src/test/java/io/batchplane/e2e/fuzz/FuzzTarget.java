package io.batchplane.e2e.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.fuzz.FuzzRequests.FuzzRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends requests to one server and takes per-kind object counts plus the store revision. */
record FuzzTarget(HttpClient http, String base) {

    /** Snapshot key: objects being deleted, whose finalization (namespace cleanup, GC) still writes. */
    static final String TERMINATING = "terminating";

    /** Sends {@code r}; null when the JDK client refuses to build it (e.g. an invalid URI). */
    Outcome send(FuzzRequest r, Duration limit) {
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.pathAndQuery())).timeout(limit)
                    .method(r.method(), r.body().length == 0 && !r.mutating() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            if (r.token() != null) {
                b.header("Authorization", "Bearer " + r.token());
            }
            if (!r.contentType().isEmpty()) {
                b.header("Content-Type", r.contentType());
            }
            request = b.build();
        } catch (IllegalArgumentException e) {
            return null;
        }
        var future = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome(-1, "", new byte[0], "timeout");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof java.net.http.HttpTimeoutException
                    ? new Outcome(-1, "", new byte[0], "timeout")
                    : new Outcome(-2, "", new byte[0], String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-2, "", new byte[0], "interrupted");
        }
    }

    /** Object count per kind (all namespaces) and the store revision a list reports. */
    Map<String, Long> snapshot() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        long terminating = 0;
        for (FuzzRequests.Kind kind : FuzzRequests.KINDS) {
            JsonNode list = get(kind.prefix() + "/" + kind.resource());
            counts.put(kind.resource(), (long) list.path("items").size());
            for (JsonNode item : list.path("items")) {
                terminating += item.path("metadata").has("deletionTimestamp") ? 1 : 0;
            }
        }
        counts.put(TERMINATING, terminating);
        counts.put("revision", Long.parseLong(get("/api/v1/namespaces").path("metadata").path("resourceVersion")
                .asText()));
        return counts;
    }

    /** A snapshot taken once two in a row agree (writes may have follow-ups, such as garbage collection). */
    Map<String, Long> settledSnapshot() throws Exception {
        Map<String, Long> last = snapshot();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(250);
            Map<String, Long> now = snapshot();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /**
     * Creates the fuzz namespace and each kind's fixture object when missing; best effort, since a
     * fuzzed request may have left one terminating.
     */
    void ensureFixtures() throws Exception {
        raw("POST", "/api/v1/namespaces", Fixtures.body("namespaces", FuzzRequests.NAMESPACE));
        for (FuzzRequests.Kind kind : FuzzRequests.KINDS) {
            String item = kind.collection(FuzzRequests.NAMESPACE) + "/" + kind.fixture();
            if (raw("GET", item, null).statusCode() == 404) {
                raw("POST", kind.collection(FuzzRequests.NAMESPACE), Fixtures.body(kind.resource(), kind.fixture()));
            }
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = raw("GET", path, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return BadBodies.JSON.readTree(r.body());
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ApiServers.ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What came back for one request; code -1 is a hang, -2 an I/O failure. */
    record Outcome(int code, String contentType, byte[] body, String error) {

        /** Why this answer breaks the contract, or null. */
        String problem(FuzzRequest r) {
            if (code == -1) {
                return "no complete answer within " + 10 + " s";
            }
            if (code == -2) {
                return r.body().length > 3 * 1024 * 1024 ? null : "I/O failure " + error;
            }
            if (code >= 500) {
                return "HTTP " + code + " " + new String(body, 0, Math.min(body.length, 400));
            }
            if (code >= 200 && code < 300) {
                return r.watch() ? watchProblem() : null;
            }
            if (r.method().equals("HEAD") || outsideTheApi(r)) {
                return null;
            }
            try {
                JsonNode status = BadBodies.JSON.readTree(body);
                if (!contentType.startsWith("application/json") || !"Status".equals(status.path("kind").asText())
                        || status.path("code").asInt() != code) {
                    return "HTTP " + code + " without a matching Status (" + contentType + "): "
                            + new String(body, 0, Math.min(body.length, 300));
                }
                return null;
            } catch (java.io.IOException e) {
                return "HTTP " + code + " body is not JSON: " + new String(body, 0, Math.min(body.length, 300));
            }
        }

        /**
         * Whether the path, once dot segments are resolved (as the router does), leaves the API
         * prefixes; such requests get the HTTP server's own 404 page, not the API's Status.
         */
        private static boolean outsideTheApi(FuzzRequest r) {
            String path = r.pathAndQuery().split("\\?", 2)[0];
            try {
                String normalized = URI.create(path).normalize().getPath();
                return normalized == null || !normalized.matches("^/(api|apis|openapi)(/.*)?$");
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /** A 2xx answer to a watch: a stream of events, or one document where the path is no watchable collection. */
        private String watchProblem() {
            try {
                if (BadBodies.JSON.readTree(body).has("kind")) {
                    return null;
                }
            } catch (java.io.IOException e) {
                // not one document: a stream of events
            }
            for (String line : new String(body, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode event = BadBodies.JSON.readTree(line);
                    if (!event.has("type") || !event.has("object")) {
                        return "watch line is no event: " + line;
                    }
                    if (event.path("type").asText().equals("ERROR") && event.path("object").path("code").asInt() >= 500) {
                        return "watch ERROR event with a 5xx Status: " + line;
                    }
                } catch (java.io.IOException e) {
                    return "watch line is not JSON: " + line;
                }
            }
            return null;
        }
    }
}
