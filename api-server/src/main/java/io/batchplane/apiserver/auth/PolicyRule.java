package io.batchplane.apiserver.auth;

import java.util.Set;

/**
 * One grant of a role, shaped like an RBAC PolicyRule: the verbs allowed on some resources of one API
 * group, optionally only inside one namespace. Resources are named as RBAC names them, {@code pods}
 * or {@code pods/status}; {@code *} stands for every verb, group or resource.
 *
 * @param group the API group ({@code ""} for core, {@code batch}, {@code coordination.k8s.io}, or {@code *})
 * @param resources resource paths ({@code jobs}, {@code jobs/status}) or {@code *}
 * @param verbs verbs or {@code *}
 * @param namespace the only namespace the rule applies in, or {@code null} for every namespace and the cluster scope
 */
public record PolicyRule(String group, Set<String> resources, Set<String> verbs, String namespace) {

    public static final String ALL = "*";

    public PolicyRule {
        resources = Set.copyOf(resources);
        verbs = Set.copyOf(verbs);
    }

    /** Whether this rule allows the request. */
    public boolean allows(RequestAttributes attrs) {
        return (verbs.contains(ALL) || verbs.contains(attrs.verb()))
                && (group.equals(ALL) || group.equals(attrs.apiGroup()))
                && (resources.contains(ALL) || resources.contains(attrs.resourcePath()))
                && (namespace == null || namespace.equals(attrs.namespace()));
    }
}
