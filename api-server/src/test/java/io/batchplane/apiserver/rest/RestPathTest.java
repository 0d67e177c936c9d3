package io.batchplane.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How request paths map onto kinds, namespaces, names and subresources. */
class RestPathTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("/api/v1/pods", ResourceType.PODS, "", "", ""),
                Arguments.of("/api/v1/namespaces/a/pods", ResourceType.PODS, "a", "", ""),
                Arguments.of("/api/v1/namespaces/a/pods/p", ResourceType.PODS, "a", "p", ""),
                Arguments.of("/api/v1/namespaces/a/pods/p/binding", ResourceType.PODS, "a", "p", "binding"),
                Arguments.of("/api/v1/namespaces/a/pods/p/status", ResourceType.PODS, "a", "p", "status"),
                Arguments.of("/api/v1/namespaces", ResourceType.NAMESPACES, "", "", ""),
                Arguments.of("/api/v1/namespaces/a", ResourceType.NAMESPACES, "", "a", ""),
                Arguments.of("/api/v1/namespaces/a/status", ResourceType.NAMESPACES, "", "a", "status"),
                Arguments.of("/api/v1/nodes/n1", ResourceType.NODES, "", "n1", ""),
                Arguments.of("/apis/batch/v1/jobs", ResourceType.JOBS, "", "", ""),
                Arguments.of("/apis/batch/v1/namespaces/d/jobs/j/status", ResourceType.JOBS, "d", "j", "status"),
                Arguments.of("/apis/batch/v1/namespaces/d/cronjobs/c", ResourceType.CRONJOBS, "d", "c", ""),
                Arguments.of("/apis/coordination.k8s.io/v1/namespaces/d/leases/l", ResourceType.LEASES, "d", "l", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void parses(String path, ResourceType type, String namespace, String name, String subresource) {
        assertEquals(new RestPath(type, namespace, name, subresource), RestPath.parse(path));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknown")
    void unknownPathsAreNotFound(String path) {
        ApiException e = assertThrows(ApiException.class, () -> RestPath.parse(path));
        assertEquals(404, e.status().getCode());
    }

    static Stream<String> unknown() {
        return Stream.of("/api/v1/services", "/apis/batch/v2/jobs", "/apis/apps/v1/jobs", "/api/v1/jobs",
                "/api/v1/namespaces/a/nodes/n", "/api/v1/namespaces/a/pods/p/status/extra", "/apis/batch");
    }
}
