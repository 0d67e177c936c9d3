package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoredObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Deletes objects: preconditions, then {@link DeletionDecision}'s outcome written with
 * compare-and-swap (retried on a fresh read when a concurrent write won, see
 * {@link GuaranteedUpdate}; a precondition that no longer holds is the caller's Conflict). Returns the
 * object as it stands after the call — the last state when removed.
 */
@ApplicationScoped
public class ResourceDeletes {


    @Inject
    RevisionStore store;
    @Inject
    Admission admission;
    @Inject
    Clock clock;

    public Uni<StoredObject> delete(UserInfo user, ObjectKey requested, DeleteOptions options) {
        ResourceType type = Kinds.resolve(requested.resource());
        ObjectKey key = Kinds.key(type, requested.namespace(), requested.name());
        admission.authorize(user, "delete", type, "", key.namespace(), key.name());
        Class<? extends HasMetadata> modelClass = Kinds.strategy(type).modelClass();
        return GuaranteedUpdate.run(store, key, current -> {
            HasMetadata object = ObjectCodec.toModel(type, current.object(), modelClass);
            DeletionDecision.checkPreconditions(type, object.getMetadata(), options);
            admission.restrictNode(user, "delete", type, "", key, null, current.object());
            DeletionDecision.Outcome outcome = DeletionDecision.decide(type, object, options, clock.instant());
            if (outcome == DeletionDecision.Outcome.UNCHANGED) {
                return Uni.createFrom().item(current);
            }
            ObjectNode changed = ObjectCodec.toNode(object);
            if (options.dryRun()) {
                return Uni.createFrom().item(new StoredObject(key, current.revision(), changed));
            }
            return GuaranteedUpdate.write(outcome == DeletionDecision.Outcome.REMOVE
                    ? store.delete(key, current.revision())
                    : store.update(key, current.revision(), changed));
        });
    }
}
