package io.batchplane.apiserver.rest;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource request path split the way kube-apiserver reads it:
 * {@code /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]} and the same under
 * {@code /apis/{group}/{version}}. {@code /api/v1/namespaces/{name}[/status]} addresses a
 * Namespace itself. A path naming no served kind, or a kind under the wrong group/version, is a 404.
 *
 * @param type        the served kind
 * @param namespace   the namespace from the path; empty for cluster-scoped kinds and all-namespace lists
 * @param name        the object name; empty for collection requests
 * @param subresource e.g. {@code status} or {@code binding}; empty for the object itself
 */
public record RestPath(ResourceType type, String namespace, String name, String subresource) {

    /** Whether the request addresses a collection (list, watch, create, deletecollection). */
    public boolean collection() {
        return name.isEmpty();
    }

    /** Parses a request path (without the query string). */
    public static RestPath parse(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        String group;
        int at;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            at = 1;
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            at = 2;
        } else {
            throw notFound();
        }
        String version = segments.get(at);
        List<String> rest = segments.subList(at + 1, segments.size());
        if (rest.isEmpty()) {
            throw notFound();
        }
        String namespace = "";
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !isNamespaceSubresource(rest)) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.size() > 3) {
            throw notFound();
        }
        String resource = rest.get(0);
        ResourceType type = ResourceType.byResource(resource)
                .filter(t -> t.group().equals(group) && t.version().equals(version))
                .orElseThrow(RestPath::notFound);
        if (!namespace.isEmpty() && !type.namespaced()) {
            throw notFound();
        }
        String name = rest.size() > 1 ? rest.get(1) : "";
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        return new RestPath(type, namespace, name, subresource);
    }

    /** {@code namespaces/{name}/status} and {@code namespaces/{name}/finalize} address the Namespace. */
    private static boolean isNamespaceSubresource(List<String> rest) {
        return rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
    }

    static ApiException notFound() {
        return ApiException.of(StatusReason.NOT_FOUND, "the server could not find the requested resource");
    }
}
