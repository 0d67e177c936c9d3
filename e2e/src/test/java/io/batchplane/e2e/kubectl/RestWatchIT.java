package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * REST watches against an API server that compacts aggressively and bookmarks every second: a
 * watch from a compacted revision ends with an ERROR event carrying the 410 Expired Status (what
 * client-go's reflector relists on), and an idle watch with {@code allowWatchBookmarks} gets
 * BOOKMARK events.
 */
class RestWatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void expiredWatchesAndBookmarks() throws Exception {
        String server = TestDatabase.serverUrl();
        Assumptions.assumeTrue(server != null, "BATCHPLANE_TEST_DB_URL names no PostgreSQL server");
        ApiServers servers = new ApiServers(Files.createTempDirectory("bp-rest-watch"), TestDatabase.fresh(server).url(),
                Map.of("batchplane.store.compaction-interval", "1s", "batchplane.store.retention", "1s",
                        "batchplane.store.retain-revisions", "10", "batchplane.store.watch-cache-size", "10",
                        "batchplane.store.bookmark-interval", "1s"));
        ApiServers.Instance api = servers.start("api-server-rest-watch");
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + api.httpPort();
        try {
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> created = http.send(request(base + "/api/v1/namespaces")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"w-" + i + "\"}}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, created.statusCode(), created.body());
            }
            JsonNode error = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (error == null && System.nanoTime() < deadline) {
                String stream = http.send(request(base + "/api/v1/namespaces?watch=true&resourceVersion=1&timeoutSeconds=2")
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : stream.split("\n")) {
                    if (!line.isBlank() && JSON.readTree(line).path("type").asText().equals("ERROR")) {
                        error = JSON.readTree(line).path("object");
                    }
                }
                Thread.sleep(500);
            }
            assertTrue(error != null, "no ERROR event within 30 s");
            assertEquals("Status", error.path("kind").asText());
            assertEquals(410, error.path("code").asInt());
            assertEquals("Expired", error.path("reason").asText());

            HttpResponse<String> list = http.send(request(base + "/api/v1/namespaces").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String rv = JSON.readTree(list.body()).path("metadata").path("resourceVersion").asText();
            String idle = http.send(request(base + "/api/v1/namespaces?watch=1&allowWatchBookmarks=true&timeoutSeconds=4"
                    + "&resourceVersion=" + rv).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode bookmark = null;
            for (String line : idle.split("\n")) {
                if (!line.isBlank() && JSON.readTree(line).path("type").asText().equals("BOOKMARK")) {
                    bookmark = JSON.readTree(line).path("object");
                }
            }
            assertTrue(bookmark != null, "no BOOKMARK in an idle 4 s watch: " + idle);
            assertEquals("Namespace", bookmark.path("kind").asText());
            assertTrue(Long.parseLong(bookmark.path("metadata").path("resourceVersion").asText()) >= Long.parseLong(rv));
        } finally {
            api.process().close();
        }
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ApiServers.ADMIN_TOKEN);
    }
}
