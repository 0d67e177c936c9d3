package io.batchplane.apiserver.resource;

import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.selection.FieldSelector;
import io.batchplane.apiserver.selection.LabelSelector;
import io.batchplane.apiserver.storage.ListResult;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.RevisionStore;
import io.batchplane.apiserver.storage.StoreEvent;
import io.batchplane.apiserver.storage.StoredObject;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/** Get, list and watch, authorized and filtered by label and field selectors. */
@ApplicationScoped
public class ResourceReads {

    @Inject
    RevisionStore store;
    @Inject
    Admission admission;

    public Uni<StoredObject> get(UserInfo user, String resource, String namespace, String name) {
        ResourceType type = Kinds.resolve(resource);
        ObjectKey key = Kinds.key(type, namespace, name);
        admission.authorize(user, "get", type, "", key.namespace(), key.name());
        return store.get(key);
    }

    public Uni<ListResult> list(UserInfo user, String resource, String namespace, String labelSelector,
            String fieldSelector, int limit, String continueToken) {
        ResourceType type = Kinds.resolve(resource);
        String ns = scope(type, namespace);
        admission.authorize(user, "list", type, "", ns, "");
        Predicate<StoredObject> filter = filter(type, labelSelector, fieldSelector);
        return store.list(type.resource(), ns.isEmpty() ? null : ns, filter, limit, continueToken);
    }

    /** Every change after {@code fromRevision} that matches the selectors; bookmarks pass through. */
    public Multi<StoreEvent> watch(UserInfo user, String resource, String namespace, String labelSelector,
            String fieldSelector, long fromRevision) {
        ResourceType type = Kinds.resolve(resource);
        String ns = scope(type, namespace);
        admission.authorize(user, "watch", type, "", ns, "");
        Predicate<StoredObject> filter = filter(type, labelSelector, fieldSelector);
        return store.watch(type.resource(), ns.isEmpty() ? null : ns, fromRevision, filter);
    }

    private static String scope(ResourceType type, String namespace) {
        return type.namespaced() && namespace != null ? namespace : "";
    }

    static Predicate<StoredObject> filter(ResourceType type, String labelSelector, String fieldSelector) {
        boolean noLabels = labelSelector == null || labelSelector.isBlank();
        boolean noFields = fieldSelector == null || fieldSelector.isBlank();
        if (noLabels && noFields) {
            return o -> true;
        }
        LabelSelector labels = noLabels ? null : LabelSelector.parse(labelSelector);
        FieldSelector fields = noFields ? null : FieldSelector.parse(type.resource(), fieldSelector);
        return o -> (labels == null || labels.matches(labelsOf(o)))
                && (fields == null || fields.matches(o.object()));
    }

    private static Map<String, String> labelsOf(StoredObject object) {
        Map<String, String> labels = new HashMap<>();
        Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it =
                object.object().path("metadata").path("labels").fields();
        while (it.hasNext()) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        return labels;
    }
}
