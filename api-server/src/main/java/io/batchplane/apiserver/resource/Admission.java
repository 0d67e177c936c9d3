package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.auth.Authorizer;
import io.batchplane.apiserver.auth.NodeRestriction;
import io.batchplane.apiserver.auth.RequestAttributes;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.storage.ObjectKey;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The checks every request passes before it touches the store: role-based authorization and the
 * node restriction ({@link NamespaceLifecycle} is the third, for creates).
 */
@ApplicationScoped
public class Admission {

    /** The identity the API server's own machinery (garbage collector, namespace cleanup) acts as. */
    public static final UserInfo SYSTEM = new UserInfo("system:apiserver", "", java.util.Set.of("system:masters"));

    private final Authorizer authorizer = new Authorizer();
    private final NodeRestriction nodeRestriction = new NodeRestriction();

    /** Throws Forbidden unless the user's roles allow the verb. */
    public void authorize(UserInfo user, String verb, ResourceType type, String subresource, String namespace,
            String name) {
        authorizer.authorize(user, new RequestAttributes(verb, type.resource(), subresource == null ? "" : subresource,
                namespace == null ? "" : namespace, name == null ? "" : name));
    }

    /** Throws Forbidden when a node writes what is not its own. */
    public void restrictNode(UserInfo user, String verb, ResourceType type, String subresource, ObjectKey key,
            ObjectNode newObject, ObjectNode oldObject) {
        nodeRestriction.admit(user, new RequestAttributes(verb, type.resource(),
                subresource == null ? "" : subresource, key.namespace(), key.name()), newObject, oldObject);
    }
}
