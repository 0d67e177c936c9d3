package io.batchplane.apiserver.auth;

import io.batchplane.api.ResourceType;
import java.util.Set;

/**
 * What a request asks to do, in the terms Kubernetes authorizes by: a verb ({@code get}, {@code list},
 * {@code watch}, {@code create}, {@code update}, {@code patch}, {@code delete},
 * {@code deletecollection}), the plural resource (e.g. {@code pods}), an optional subresource
 * ({@code status}, {@code binding}, {@code log}), the namespace (empty for cluster-scoped kinds and
 * all-namespace lists) and the object name (empty for lists and, usually, creates). Nulls read as empty.
 */
public record RequestAttributes(String verb, String resource, String subresource, String namespace, String name) {

    /** The verbs that only read. */
    public static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    public RequestAttributes {
        verb = verb == null ? "" : verb;
        resource = resource == null ? "" : resource;
        subresource = subresource == null ? "" : subresource;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /** The API group of the resource ({@code ""} for core kinds and for resources batchplane does not serve). */
    public String apiGroup() {
        return ResourceType.byResource(resource).map(ResourceType::group).orElse("");
    }

    /** {@code resource} or {@code resource/subresource}, the form roles name resources in. */
    public String resourcePath() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** Whether the request only reads. */
    public boolean isReadOnly() {
        return READ_VERBS.contains(verb);
    }
}
