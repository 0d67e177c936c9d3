package io.batchplane.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.apiserver.storage.ObjectKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The garbage collector's picture of ownership: which uids are alive, and which objects name each
 * uid as an owner. Fed with every stored change, in order; not thread-safe (one collector loop
 * owns it).
 */
final class OwnerGraph {

    /** An owner reference as the collector needs it. */
    record Owner(String uid, String apiVersion, String kind, String name, boolean blockOwnerDeletion) {
    }

    private final Map<String, ObjectKey> live = new HashMap<>();
    private final Map<ObjectKey, List<Owner>> ownersOf = new HashMap<>();
    private final Map<String, Set<ObjectKey>> dependents = new HashMap<>();

    void upsert(ObjectKey key, ObjectNode object) {
        remove(key, object);
        String uid = object.path("metadata").path("uid").asText("");
        if (!uid.isEmpty()) {
            live.put(uid, key);
        }
        List<Owner> owners = ownersIn(object);
        if (!owners.isEmpty()) {
            ownersOf.put(key, owners);
            for (Owner owner : owners) {
                dependents.computeIfAbsent(owner.uid(), u -> new HashSet<>()).add(key);
            }
        }
    }

    void remove(ObjectKey key, ObjectNode lastState) {
        String uid = lastState.path("metadata").path("uid").asText("");
        if (key.equals(live.get(uid))) {
            live.remove(uid);
        }
        List<Owner> previous = ownersOf.remove(key);
        if (previous != null) {
            for (Owner owner : previous) {
                Set<ObjectKey> set = dependents.get(owner.uid());
                if (set != null) {
                    set.remove(key);
                    if (set.isEmpty()) {
                        dependents.remove(owner.uid());
                    }
                }
            }
        }
    }

    boolean isLive(String uid) {
        return live.containsKey(uid);
    }

    ObjectKey keyOf(String uid) {
        return live.get(uid);
    }

    Set<ObjectKey> dependentsOf(String uid) {
        return Set.copyOf(dependents.getOrDefault(uid, Set.of()));
    }

    List<Owner> ownersOf(ObjectKey key) {
        return ownersOf.getOrDefault(key, List.of());
    }

    static List<Owner> ownersIn(JsonNode object) {
        JsonNode refs = object.path("metadata").path("ownerReferences");
        if (!refs.isArray() || refs.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<Owner> owners = new java.util.ArrayList<>();
        for (JsonNode ref : refs) {
            owners.add(new Owner(ref.path("uid").asText(""), ref.path("apiVersion").asText(""),
                    ref.path("kind").asText(""), ref.path("name").asText(""),
                    ref.path("blockOwnerDeletion").asBoolean(false)));
        }
        return owners;
    }
}
