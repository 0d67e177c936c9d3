package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.Conditions;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The {@code pods/binding} subresource: assigns a pending pod to a node, once. The write is a
 * compare-and-swap on the pod, so two schedulers racing for one pod cannot both win; a pod that is
 * already bound or being deleted is a Conflict.
 */
@ApplicationScoped
public class PodBinding {

    @Inject
    RevisionStore store;
    @Inject
    Admission admission;
    @Inject
    Clock clock;

    public Uni<StoredObject> bind(UserInfo user, String namespace, String podName, byte[] body, boolean dryRun) {
        JsonNode binding = parse(body);
        String name = podName == null || podName.isEmpty() ? binding.path("metadata").path("name").asText("") : podName;
        ObjectKey key = Kinds.key(ResourceType.PODS, namespace, name);
        admission.authorize(user, "create", ResourceType.PODS, "binding", key.namespace(), key.name());
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            throw ApiException.invalid(ResourceType.PODS, name, List.of(
                    ApiException.cause("FieldValueRequired", "target.name", "Required value")));
        }
        return GuaranteedUpdate.run(store, key, current -> {
            ObjectNode pod = current.object().deepCopy();
            String assigned = pod.path("spec").path("nodeName").asText("");
            if (!assigned.isEmpty()) {
                throw ApiException.conflict(ResourceType.PODS, name,
                        "pod " + name + " is already assigned to node \"" + assigned + "\"");
            }
            if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
                throw ApiException.conflict(ResourceType.PODS, name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            pod.with("spec").put("nodeName", node);
            markScheduled(pod.with("status"));
            if (dryRun) {
                return Uni.createFrom().item(new StoredObject(key, current.revision(), pod));
            }
            return GuaranteedUpdate.write(store.update(key, current.revision(), pod));
        });
    }

    private void markScheduled(ObjectNode status) {
        ArrayNode conditions = status.withArray("conditions");
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if (Conditions.POD_SCHEDULED.equals(conditions.get(i).path("type").asText())) {
                conditions.remove(i);
            }
        }
        ObjectNode scheduled = conditions.addObject();
        scheduled.put("type", Conditions.POD_SCHEDULED);
        scheduled.put("status", "True");
        scheduled.put("lastTransitionTime", MetadataRules.timestamp(clock.instant()));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("the binding must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("the binding is not valid JSON");
        }
    }
}
