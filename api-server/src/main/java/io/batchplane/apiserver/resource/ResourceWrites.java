package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PatchType;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.registry.ObjectMetaValidation;
import io.batchplane.apiserver.registry.ResourceStrategy;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoredObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Creates and changes objects the way kube-apiserver's generic registry does: decode, system
 * metadata, the kind's defaulting and validation, admission, then one compare-and-swap write.
 * Nothing is written unless every check passed.
 */
@ApplicationScoped
public class ResourceWrites {

    private final SecureRandom random = new SecureRandom();

    @Inject
    RevisionStore store;
    @Inject
    Admission admission;
    @Inject
    NamespaceLifecycle namespaces;
    @Inject
    Clock clock;

    public Uni<StoredObject> create(UserInfo user, String resource, String namespace, byte[] body, boolean dryRun) {
        ResourceType type = Kinds.resolve(resource);
        ResourceStrategy<HasMetadata> strategy = Kinds.strategy(type);
        ObjectNode node = ObjectCodec.decode(type, body);
        HasMetadata object = ObjectCodec.toModel(type, node, strategy.modelClass());
        String requestNamespace = namespace == null || namespace.isEmpty()
                ? object.getMetadata().getNamespace() : namespace;
        admission.authorize(user, "create", type, "", requestNamespace, object.getMetadata().getName());
        MetadataRules.prepareForCreate(type, object.getMetadata(), requestNamespace, clock.instant(),
                UUID.randomUUID().toString(), random);
        strategy.prepareForCreate(object);
        List<StatusCause> causes = new ArrayList<>(ObjectMetaValidation.validateCreate(type, object.getMetadata()));
        causes.addAll(strategy.validate(object));
        throwIfInvalid(type, object, causes);
        ObjectKey key = Kinds.key(type, object.getMetadata().getNamespace(), object.getMetadata().getName());
        ObjectNode prepared = ObjectCodec.toNode(object);
        admission.restrictNode(user, "create", type, "", key, prepared, null);
        return namespaces.acceptsContent(type, key.namespace()).chain(() -> dryRun
                ? Uni.createFrom().item(new StoredObject(key, 0, prepared))
                : store.create(key, prepared));
    }

    /** PUT: replaces the object (or only its status); a body resourceVersion makes it conditional. */
    public Uni<StoredObject> update(UserInfo user, String resource, String namespace, byte[] body, boolean dryRun,
            boolean status) {
        ResourceType type = Kinds.resolve(resource);
        ObjectNode node = ObjectCodec.decode(type, body);
        String name = node.path("metadata").path("name").asText("");
        String bodyNamespace = node.path("metadata").path("namespace").asText("");
        String ns = namespace == null || namespace.isEmpty() ? bodyNamespace : namespace;
        ObjectKey key = Kinds.key(type, ns, name);
        String subresource = status ? "status" : "";
        admission.authorize(user, "update", type, subresource, key.namespace(), key.name());
        long expected = parseRevision(node.path("metadata").path("resourceVersion").asText(""));
        return change(user, type, key, "update", subresource, expected, dryRun, status, current -> node);
    }

    public Uni<StoredObject> patch(UserInfo user, ObjectKey requested, PatchType patchType, byte[] patch,
            boolean dryRun, boolean status) {
        ResourceType type = Kinds.resolve(requested.resource());
        ObjectKey key = Kinds.key(type, requested.namespace(), requested.name());
        String subresource = status ? "status" : "";
        admission.authorize(user, "patch", type, subresource, key.namespace(), key.name());
        if (patch.length > ObjectCodec.MAX_OBJECT_BYTES) {
            throw ApiException.of(StatusReason.REQUEST_ENTITY_TOO_LARGE, "Request entity too large");
        }
        return change(user, type, key, "patch", subresource, 0, dryRun, status, current -> {
            ObjectNode patched = Patches.apply(current, patchType, patch);
            return ObjectCodec.decode(type, ObjectCodec.encode(patched));
        });
    }

    /**
     * Takes the current object (see {@link GuaranteedUpdate}), applies {@code mutation} to it, runs
     * the update rules and writes the result with compare-and-swap. The mutation gets the stored node
     * itself, shared with watchers and readers: it must return a new node and leave its argument
     * unchanged (an update ignores it, a patch builds a patched copy), so no caller pays for a copy it
     * does not need. A write that loses a race is retried on a fresh read; a non-zero
     * {@code expectedRevision} that is not the current one is the caller's Conflict.
     */
    public Uni<StoredObject> change(UserInfo user, ResourceType type, ObjectKey key, String verb, String subresource,
            long expectedRevision, boolean dryRun, boolean status, UnaryOperator<ObjectNode> mutation) {
        return GuaranteedUpdate.run(store, key, current -> {
            if (expectedRevision != 0 && current.revision() != expectedRevision) {
                throw ApiException.conflict(type, key.name(),
                        "the object has been modified; please apply your changes to the latest version and try again");
            }
            ObjectNode proposed = mutation.apply(current.object());
            Prepared prepared = prepareUpdate(type, current, proposed, status);
            admission.restrictNode(user, verb, type, subresource, key, prepared.object(), current.object());
            if (ObjectCodec.sameContent(prepared.object(), current.object())) {
                return Uni.createFrom().item(current);
            }
            if (dryRun) {
                return Uni.createFrom().item(new StoredObject(key, current.revision(), prepared.object()));
            }
            if (MetadataRules.readyToRemove(prepared.model().getMetadata())
                    && !heldByNamespaceFinalizers(type, prepared.object())) {
                return GuaranteedUpdate.write(store.delete(key, current.revision()));
            }
            return GuaranteedUpdate.write(store.update(key, current.revision(), prepared.object()));
        });
    }

    /** An update ready to write: the new object as JSON and as its model. */
    private record Prepared(ObjectNode object, HasMetadata model) {
    }

    private Prepared prepareUpdate(ResourceType type, StoredObject current, ObjectNode proposed, boolean status) {
        ResourceStrategy<HasMetadata> strategy = Kinds.strategy(type);
        HasMetadata old = ObjectCodec.toModel(type, current.object(), strategy.modelClass());
        HasMetadata updated = ObjectCodec.toModel(type, proposed, strategy.modelClass());
        if (updated.getMetadata().getName() != null && !updated.getMetadata().getName().equals(current.key().name())) {
            throw ApiException.badRequest("the name of the object (" + updated.getMetadata().getName()
                    + ") does not match the name on the URL (" + current.key().name() + ")");
        }
        updated.getMetadata().setName(current.key().name());
        List<StatusCause> causes = new ArrayList<>();
        if (status) {
            strategy.prepareForStatusUpdate(updated, old);
            MetadataRules.prepareForUpdate(type, updated.getMetadata(), old.getMetadata(), false);
            causes.addAll(strategy.validateStatusUpdate(updated, old));
        } else {
            strategy.prepareForUpdate(updated, old);
            MetadataRules.prepareForUpdate(type, updated.getMetadata(), old.getMetadata(),
                    strategy.specChanged(updated, old));
            causes.addAll(ObjectMetaValidation.validateUpdate(type, updated.getMetadata(), old.getMetadata()));
            causes.addAll(strategy.validateUpdate(updated, old));
        }
        throwIfInvalid(type, updated, causes);
        String revision = String.valueOf(current.revision());
        ObjectNode prepared = ObjectCodec.toNode(updated);
        prepared.with("metadata").put("resourceVersion", revision);
        return new Prepared(prepared, updated);
    }

    private static boolean heldByNamespaceFinalizers(ResourceType type, ObjectNode object) {
        return type.equals(ResourceType.NAMESPACES) && object.path("spec").path("finalizers").size() > 0;
    }

    private static void throwIfInvalid(ResourceType type, HasMetadata object, List<StatusCause> causes) {
        if (!causes.isEmpty()) {
            String name = object.getMetadata().getName() != null ? object.getMetadata().getName() : "";
            throw ApiException.invalid(type, name, causes);
        }
    }

    static long parseRevision(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resourceVersion \"" + text + "\"");
        }
    }
}
