package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.auth.Authorizer;
import io.batchplane.apiserver.auth.NodeRestriction;
import io.batchplane.apiserver.auth.RequestAttributes;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The checks every request passes before it touches the store: role-based authorization, the node
 * restriction, and namespace lifecycle (no new content in a namespace that is missing or being
 * deleted).
 */
@ApplicationScoped
public class Admission {

    /** The identity the API server's own machinery (garbage collector, namespace cleanup) acts as. */
    public static final UserInfo SYSTEM = new UserInfo("system:apiserver", "", java.util.Set.of("system:masters"));

    private final Authorizer authorizer = new Authorizer();
    private final NodeRestriction nodeRestriction = new NodeRestriction();

    @Inject
    RevisionStore store;

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

    /** Fails unless the namespace exists and is not being deleted. */
    public Uni<Void> namespaceAcceptsContent(ResourceType type, String namespace) {
        if (!type.namespaced()) {
            return Uni.createFrom().voidItem();
        }
        return store.get(new ObjectKey(ResourceType.NAMESPACES.resource(), "", namespace))
                .onFailure(ApiException.class).transform(e -> ((ApiException) e).reason() == StatusReason.NOT_FOUND
                        ? ApiException.notFound(ResourceType.NAMESPACES, namespace) : e)
                .map(ns -> {
                    if (ns.object().path("metadata").hasNonNull("deletionTimestamp")) {
                        throw ApiException.of(StatusReason.FORBIDDEN, type.resource() + " is forbidden: unable to "
                                + "create new content in namespace " + namespace + " because it is being terminated");
                    }
                    return null;
                });
    }
}
