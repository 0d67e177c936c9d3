package io.batchplane.e2e.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates bad REST requests from a seeded {@link Random}: every served kind, every path shape
 * (collection, all-namespace collection, item, status, binding, unknown subresources, extra
 * segments, traversal, odd and very long names), every HTTP method, garbage query parameters, and
 * the bodies of {@link BadBodies} under right, wrong and missing content types. Watch requests
 * carry {@code timeoutSeconds=1} unless the timeout itself is the garbage under test.
 */
final class FuzzRequests {

    /** One request: what is sent, and a line that reproduces it in a report. */
    record FuzzRequest(String method, String pathAndQuery, String contentType, byte[] body, String token) {
        boolean watch() {
            return pathAndQuery.matches(".*[?&]watch=(true|1)(&.*)?$");
        }

        boolean mutating() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        String describe() {
            String shown = new String(body, 0, Math.min(body.length, 160), StandardCharsets.ISO_8859_1)
                    .replaceAll("[^\\x20-\\x7e]", "?");
            return method + " " + (pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "…" : pathAndQuery)
                    + " [Content-Type: " + contentType + ", " + body.length + " bytes: " + shown + "]";
        }
    }

    /** A served kind: its collection prefix, whether namespaced, and the fixture object's name. */
    record Kind(String prefix, String resource, boolean namespaced, String fixture) {
        String collection(String namespace) {
            return namespaced ? prefix + "/namespaces/" + namespace + "/" + resource : prefix + "/" + resource;
        }
    }

    static final String NAMESPACE = "fuzz";
    static final List<Kind> KINDS = List.of(
            new Kind("/api/v1", "namespaces", false, "fuzz-ns"),
            new Kind("/api/v1", "pods", true, "fixture"),
            new Kind("/api/v1", "nodes", false, "fixture"),
            new Kind("/api/v1", "events", true, "fixture"),
            new Kind("/apis/coordination.k8s.io/v1", "leases", true, "fixture"),
            new Kind("/apis/batch/v1", "jobs", true, "fixture"),
            new Kind("/apis/batch/v1", "cronjobs", true, "fixture"));

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "FOO", "PROPFIND");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "", "text/plain",
            "application/yaml", "application/vnd.kubernetes.protobuf", "application/merge-patch+json",
            "application/json-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml",
            "a/b;;;=", "application/json; charset=latin1", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "*/*");
    private static final List<String> SUBRESOURCES = List.of("status", "binding", "log", "exec", "eviction",
            "finalize", "scale", "foo", "status/extra", "..", "%2e%2e", "proxy");
    private static final List<String[]> BAD_QUERIES = List.of(
            new String[] {"limit", "-1"}, new String[] {"limit", "abc"}, new String[] {"limit", "99999999999999999999"},
            new String[] {"continue", "garbage"}, new String[] {"continue", "eyJ2IjoxfQ=="},
            new String[] {"resourceVersion", "abc"}, new String[] {"resourceVersion", "-1"},
            new String[] {"resourceVersion", "99999999999999999999"}, new String[] {"resourceVersionMatch", "Bogus"},
            new String[] {"labelSelector", "a in ("}, new String[] {"labelSelector", "!!!"},
            new String[] {"labelSelector", "a==b==c"}, new String[] {"labelSelector", "=,=,"},
            new String[] {"labelSelector", "x".repeat(5000) + "=y"}, new String[] {"labelSelector", "a notin b"},
            new String[] {"fieldSelector", "spec.foo=bar"}, new String[] {"fieldSelector", "metadata.name"},
            new String[] {"fieldSelector", "=="}, new String[] {"fieldSelector", "metadata.name!=a,,status.phase=="},
            new String[] {"timeoutSeconds", "abc"}, new String[] {"timeoutSeconds", "-1"},
            new String[] {"timeoutSeconds", "9223372036854775807"}, new String[] {"timeoutSeconds", "99999999999999999999"},
            new String[] {"dryRun", "Bogus"}, new String[] {"propagationPolicy", "Sideways"},
            new String[] {"gracePeriodSeconds", "x"}, new String[] {"gracePeriodSeconds", "-99999999999999999999"},
            new String[] {"orphanDependents", "maybe"}, new String[] {"fieldValidation", "Lenient"},
            new String[] {"pretty", "yes"}, new String[] {"allowWatchBookmarks", "2"}, new String[] {"watch", "maybe"},
            new String[] {"includeObject", "All"}, new String[] {"%ff", "%fe"}, new String[] {"a", "%"});

    private final Random random;

    FuzzRequests(Random random) {
        this.random = random;
    }

    /** The deterministic sweep: a create of each kind's Job-shaped body with every node given every wrong value. */
    static List<FuzzRequest> wrongTypeSweep(String token) {
        List<FuzzRequest> out = new ArrayList<>();
        var job = BadBodies.job("sweep");
        String collection = KINDS.get(5).collection(NAMESPACE);
        for (List<Object> path : BadBodies.paths(job)) {
            for (var value : BadBodies.wrongValues()) {
                out.add(new FuzzRequest("POST", collection, "application/json",
                        BadBodies.bytes(BadBodies.replaced(job, path, value)), token));
            }
        }
        return out;
    }

    /** One random bad request. */
    FuzzRequest next(String token) {
        Kind kind = KINDS.get(random.nextInt(KINDS.size()));
        String method = pick(METHODS);
        String path = path(kind);
        List<String> query = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String[] q = BAD_QUERIES.get(random.nextInt(BAD_QUERIES.size()));
            query.add(q[0] + "=" + (q[1].contains("%") ? q[1] : URLEncoder.encode(q[1], StandardCharsets.UTF_8)));
        }
        if (method.equals("GET") && random.nextInt(4) == 0) {
            query.add("watch=" + (random.nextBoolean() ? "true" : "1"));
            if (query.stream().noneMatch(q -> q.startsWith("timeoutSeconds="))) {
                query.add("timeoutSeconds=1");
            }
        }
        String full = query.isEmpty() ? path : path + "?" + String.join("&", query);
        String contentType = pick(CONTENT_TYPES);
        byte[] body = method.equals("GET") && random.nextInt(3) > 0 ? new byte[0]
                : BadBodies.any(random, random.nextBoolean() ? kind.fixture() : "fz-" + random.nextInt(1000));
        return new FuzzRequest(method, full, contentType, body, token);
    }

    private String path(Kind kind) {
        String ns = random.nextInt(5) == 0 ? odd() : NAMESPACE;
        String name = random.nextInt(4) == 0 ? odd() : kind.fixture();
        String collection = kind.collection(ns);
        return switch (random.nextInt(10)) {
            case 0 -> kind.prefix() + "/" + kind.resource();
            case 1, 2 -> collection;
            case 3, 4 -> collection + "/" + name;
            case 5 -> collection + "/" + name + "/" + pick(SUBRESOURCES);
            case 6 -> collection + "/" + name + "/status/" + odd();
            case 7 -> kind.prefix() + "/namespaces/" + ns + "/" + kind.resource() + "/" + name + "/../../../../etc/passwd";
            case 8 -> pick(List.of("/api/v2/" + kind.resource(), "/apis/batch/v9/jobs", "/apis/batch", "/api",
                    "/apis/" + odd(), "/api/v1/namespaces/" + ns + "/unknowns", "/apis/coordination.k8s.io/v1/pods",
                    "/api/v1/namespaces/" + ns + "/nodes/x", "//api//v1//pods", "/api/v1/namespaces/" + ns + "/finalize"));
            default -> collection + "/" + name + "/" + name + "/" + name + "/" + name;
        };
    }

    /** A path segment kube-apiserver rejects or that stresses decoding; already percent-encoded. */
    private String odd() {
        return pick(List.of("-", "UPPER", "a..b", "..", "%2e", "%2F", "%00", "%ff%fe", "%20", "%C3%B1",
                "x".repeat(253), "x".repeat(254), "y".repeat(8000), "%", "a;b", "a%3Fwatch=1", "~", "*"));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
