package io.batchplane.apiserver.auth;

import java.util.Set;

/**
 * Who made a request, as an authenticator established it: the user name (e.g. {@code admin},
 * {@code system:job-controller}, {@code system:node:node-1}), a uid and the groups the user belongs
 * to (e.g. {@code system:masters}, {@code system:nodes}). Groups are copied and never null.
 */
public record UserInfo(String name, String uid, Set<String> groups) {

    public UserInfo {
        name = name == null ? "" : name;
        uid = uid == null ? "" : uid;
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** Whether the user is a member of {@code group}. */
    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
