package io.batchplane.apiserver.auth;

import java.util.Optional;

/**
 * Recognises node agents as Kubernetes does: a user is a node when it is in the {@code system:nodes}
 * group and its name is {@code system:node:<nodeName>}. Both are required, so neither a stray group
 * membership nor a look-alike user name makes someone a node.
 */
final class NodeIdentity {

    private NodeIdentity() {
    }

    /**
     * The node name the user speaks for: empty when the user is not a node at all, the empty string
     * when it claims to be a node but names none.
     */
    static Optional<String> nodeName(UserInfo user) {
        if (user == null || !user.inGroup(BootstrapRoles.NODES_GROUP)
                || !user.name().startsWith(BootstrapRoles.NODE_USER_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(user.name().substring(BootstrapRoles.NODE_USER_PREFIX.length()));
    }
}
