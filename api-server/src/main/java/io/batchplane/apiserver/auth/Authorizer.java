package io.batchplane.apiserver.auth;

import io.batchplane.api.ApiException;

/**
 * Decides whether a user may make a request, by the role table in {@link BootstrapRoles}: allowed if
 * any rule bound to the user's name or one of its groups allows the verb on the resource (and
 * subresource) in the namespace; otherwise the request fails with kube-apiserver's Forbidden error,
 * e.g. {@code jobs.batch "pi" is forbidden: User "bob" cannot delete resource "jobs" in API group
 * "batch" in the namespace "default"}.
 *
 * <p>Object-level limits for nodes (only their own Node, Lease and pods) are {@link NodeRestriction}'s
 * job, applied after this check on writes.
 */
public final class Authorizer {

    /**
     * Returns normally when the request is allowed.
     *
     * @throws ApiException with reason Forbidden when no rule allows it (also for a null user)
     */
    public void authorize(UserInfo user, RequestAttributes attrs) {
        if (user != null) {
            for (PolicyRule rule : BootstrapRoles.rulesFor(user)) {
                if (rule.allows(attrs)) {
                    return;
                }
            }
        }
        String userName = user == null ? "" : user.name();
        String scope = attrs.namespace().isEmpty()
                ? "at the cluster scope"
                : "in the namespace \"" + attrs.namespace() + "\"";
        String reason = "User \"" + userName + "\" cannot " + attrs.verb() + " resource \"" + attrs.resourcePath()
                + "\" in API group \"" + attrs.apiGroup() + "\" " + scope;
        throw Forbidden.of(attrs, attrs.name(), reason);
    }
}
