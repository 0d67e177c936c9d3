package io.batchplane.e2e.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.TestDatabase;
import io.batchplane.e2e.fuzz.FuzzRequests.FuzzRequest;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The exact requests {@link RestFuzzIT} found answered wrongly, one named case each, with the
 * answer upstream kube-apiserver gives (or at least: no 5xx and a Status). Kept as a table so a
 * regression names its request.
 */
class RestBadRequestsIT {

    private static ApiServers.Instance api;
    private static FuzzTarget target;

    /** One request and the HTTP code it must get; 0 means "any 4xx with a Status". */
    record Case(String name, String method, String path, String contentType, String body, int expected) {
    }

    @BeforeAll
    static void start() throws Exception {
        String server = TestDatabase.serverUrl();
        Assumptions.assumeTrue(server != null, "no PostgreSQL server for the e2e tests");
        api = new ApiServers(Files.createTempDirectory("bp-bad-requests"), TestDatabase.fresh(server).url(), Map.of())
                .start("api-server-bad-requests");
        target = new FuzzTarget(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                "http://127.0.0.1:" + api.httpPort());
        target.ensureFixtures();
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.process().close();
        }
    }

    @TestFactory
    Stream<DynamicTest> answers() {
        String jobs = "/apis/batch/v1/namespaces/" + FuzzRequests.NAMESPACE + "/jobs";
        String longSelector = "app+in+(" + IntStream.range(0, 1500).mapToObj(i -> "v" + i).collect(Collectors.joining(","))
                + ")";
        return Stream.of(
                new Case("a null container is invalid, not a server error", "POST", jobs, "application/json",
                        jobWith("\"containers\":[null]"), 422),
                new Case("a null env entry is invalid, not a server error", "POST", jobs, "application/json",
                        jobWith("\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"env\":[null]}]"), 422),
                new Case("a null container port is invalid, not a server error", "POST", jobs, "application/json",
                        jobWith("\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"ports\":[null]}]"), 422),
                new Case("a GET with a form content type", "GET", "/api/v1/namespaces", "multipart/form-data; boundary=x",
                        "", 0),
                new Case("a HEAD with a form content type", "HEAD", "/api/v1/namespaces", "application/x-www-form-urlencoded",
                        "", 0),
                new Case("a broken multipart body", "DELETE", "/api/v1/namespaces/fuzz/pods/x",
                        "multipart/form-data; boundary=x", "--x\r\nbroken", 0),
                new Case("a form body on PATCH", "PATCH", "/api/v1/namespaces/fuzz/pods/fixture",
                        "multipart/form-data; boundary=x", "\u00ff\u00fe", 0),
                new Case("a valid label selector of 8 KiB", "GET",
                        "/api/v1/namespaces/fuzz/pods?labelSelector=" + longSelector, "", "", 200))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> watchOnAnObjectPath() {
        return Stream.of(DynamicTest.dynamicTest("GET …/namespaces/fuzz?watch=true streams that namespace's events", () -> {
            FuzzTarget.Outcome o = target.send(new FuzzRequest("GET", "/api/v1/namespaces/fuzz?watch=true&timeoutSeconds=1",
                    "", new byte[0], ApiServers.ADMIN_TOKEN), Duration.ofSeconds(10));
            assertNotNull(o);
            assertEquals(200, o.code());
            List<String> lines = new String(o.body(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one ADDED event: " + lines);
            JsonNode event = BadBodies.JSON.readTree(lines.get(0));
            assertEquals("ADDED", event.path("type").asText());
            assertEquals("fuzz", event.path("object").path("metadata").path("name").asText());
        }));
    }

    private static void check(Case c) throws Exception {
        FuzzRequest request = new FuzzRequest(c.method(), c.path(), c.contentType(),
                c.body().getBytes(StandardCharsets.ISO_8859_1), ApiServers.ADMIN_TOKEN);
        FuzzTarget.Outcome o = target.send(request, Duration.ofSeconds(10));
        assertNotNull(o, "the client could not send " + request.describe());
        String body = new String(o.body(), StandardCharsets.UTF_8);
        if (c.expected() != 0) {
            assertEquals(c.expected(), o.code(), body);
        } else {
            assertTrue(o.code() >= 400 && o.code() < 500, o.code() + " " + body);
        }
        assertNull(o.problem(request), "contract: " + o.problem(request));
    }

    private static String jobWith(String podSpecFields) {
        return "{\"metadata\":{\"name\":\"nulls\"},\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"Never\","
                + podSpecFields + "}}}}";
    }
}
