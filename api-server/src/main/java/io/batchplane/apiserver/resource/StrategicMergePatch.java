package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.apiserver.resource.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}) for the served kinds.
 * Objects merge key by key and {@code null} removes a key, as in a JSON merge patch; lists follow
 * the patch strategy the Kubernetes API declares for their field (see {@link #mergeKey}): lists of
 * objects with a merge key merge element by element, {@code metadata.finalizers} is a set union,
 * every other list is replaced. The directives kubectl sends are honoured: {@code $patch}
 * (replace / delete / merge) on maps and list elements, {@code $retainKeys},
 * {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ORDER = "$setElementOrder/";
    private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

    /** The merge key of each list of objects that merges rather than being replaced. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("env", "name"),
            Map.entry("volumes", "name"), Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"), Map.entry("ports", "containerPort"),
            Map.entry("imagePullSecrets", "name"), Map.entry("hostAliases", "ip"),
            Map.entry("conditions", "type"), Map.entry("addresses", "type"),
            Map.entry("ownerReferences", "uid"), Map.entry("resourceClaims", "name"),
            Map.entry("schedulingGates", "name"), Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("podIPs", "ip"), Map.entry("hostIPs", "ip"));

    private StrategicMergePatch() {
    }

    public static ObjectNode parse(byte[] patch) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(patch);
        } catch (IOException e) {
            throw ApiException.badRequest("the patch is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("a strategic merge patch must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The merge key of list {@code field} under {@code parent}; null when the list is replaced. */
    public static String mergeKey(String parent, String field) {
        if (field.equals("ports") && !parent.equals("containers") && !parent.equals("initContainers")
                && !parent.equals("ephemeralContainers")) {
            return null;
        }
        return MERGE_KEYS.get(field);
    }

    /** Whether primitive list {@code field} under {@code parent} is a set that merges. */
    public static boolean mergesPrimitives(String parent, String field) {
        return field.equals("finalizers") && parent.equals("metadata");
    }

    /** {@code current} with {@code patch} applied; neither argument is changed. */
    public static ObjectNode apply(ObjectNode current, ObjectNode patch) {
        JsonNode result = mergeMap(current.deepCopy(), patch, "");
        if (result == null || !result.isObject()) {
            throw ApiException.of(io.batchplane.api.StatusReason.INVALID, "the patch deletes the whole object");
        }
        return (ObjectNode) result;
    }

    /** Merges {@code patch} into {@code target} (changed in place); null means "delete this map". */
    private static JsonNode mergeMap(ObjectNode target, ObjectNode patch, String name) {
        String directive = patch.path(PATCH).asText("");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            ObjectNode replaced = patch.deepCopy();
            replaced.remove(PATCH);
            return stripDirectives(replaced);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        List<Map.Entry<String, JsonNode>> orders = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS)) {
                continue;
            }
            if (key.startsWith(SET_ORDER)) {
                orders.add(e);
                continue;
            }
            if (key.startsWith(DELETE_PRIMITIVE)) {
                String list = key.substring(DELETE_PRIMITIVE.length());
                if (target.get(list) instanceof ArrayNode existing) {
                    Set<JsonNode> remove = new HashSet<>();
                    value.forEach(remove::add);
                    for (int i = existing.size() - 1; i >= 0; i--) {
                        if (remove.contains(existing.get(i))) {
                            existing.remove(i);
                        }
                    }
                }
                continue;
            }
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject()) {
                JsonNode existing = target.get(key);
                JsonNode merged = mergeMap(existing instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode(),
                        (ObjectNode) value, key);
                if (merged == null) {
                    target.remove(key);
                } else {
                    target.set(key, merged);
                }
            } else if (value.isArray()) {
                JsonNode existing = target.get(key);
                target.set(key, mergeList(existing instanceof ArrayNode a ? a : Json.MAPPER.createArrayNode(),
                        (ArrayNode) value, name, key));
            } else {
                target.set(key, value);
            }
        }
        for (Map.Entry<String, JsonNode> order : orders) {
            String list = order.getKey().substring(SET_ORDER.length());
            if (target.get(list) instanceof ArrayNode items) {
                target.set(list, reorder(items, order.getValue(), mergeKey(name, list)));
            }
        }
        if (patch.get(RETAIN_KEYS) instanceof ArrayNode retain) {
            Set<String> keep = new HashSet<>();
            retain.forEach(k -> keep.add(k.asText()));
            List<String> drop = new ArrayList<>();
            target.fieldNames().forEachRemaining(k -> {
                if (!keep.contains(k)) {
                    drop.add(k);
                }
            });
            drop.forEach(target::remove);
        }
        return target;
    }

    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String parent, String field) {
        for (JsonNode element : patch) {
            if (element.isObject() && "replace".equals(element.path(PATCH).asText())) {
                ArrayNode replaced = Json.MAPPER.createArrayNode();
                patch.forEach(e -> {
                    if (!(e.isObject() && e.has(PATCH) && e.size() == 1)) {
                        replaced.add(stripDirectives(e.deepCopy()));
                    }
                });
                return replaced;
            }
        }
        String key = mergeKey(parent, field);
        if (key == null) {
            if (mergesPrimitives(parent, field)) {
                ArrayNode union = target.deepCopy();
                Set<JsonNode> present = new HashSet<>();
                target.forEach(present::add);
                patch.forEach(e -> {
                    if (present.add(e)) {
                        union.add(e);
                    }
                });
                return union;
            }
            ArrayNode replaced = Json.MAPPER.createArrayNode();
            patch.forEach(e -> replaced.add(stripDirectives(e.deepCopy())));
            return replaced;
        }
        for (JsonNode element : patch) {
            if (!element.isObject()) {
                throw ApiException.badRequest("the list " + field + " holds objects merged by " + key
                        + "; the patch holds " + element.getNodeType().name().toLowerCase());
            }
            JsonNode id = element.get(key);
            if (id == null) {
                throw ApiException.badRequest("map: " + element + " does not contain declared merge key: " + key);
            }
            int at = indexOf(target, key, id);
            if ("delete".equals(element.path(PATCH).asText())) {
                if (at >= 0) {
                    target.remove(at);
                }
                continue;
            }
            if (at < 0) {
                ObjectNode added = (ObjectNode) stripDirectives(element.deepCopy());
                target.add(added);
            } else {
                JsonNode merged = mergeMap((ObjectNode) target.get(at), (ObjectNode) element, field);
                target.set(at, merged);
            }
        }
        return target;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode id) {
        for (int i = 0; i < list.size(); i++) {
            if (id.equals(list.get(i).get(key)) || id.asText().equals(list.get(i).path(key).asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /** The list with the elements named by {@code order} first, in that order, then the rest. */
    private static ArrayNode reorder(ArrayNode items, JsonNode order, String key) {
        ArrayNode sorted = Json.MAPPER.createArrayNode();
        List<JsonNode> rest = new ArrayList<>();
        items.forEach(rest::add);
        for (JsonNode wanted : order) {
            for (int i = 0; i < rest.size(); i++) {
                JsonNode item = rest.get(i);
                boolean match = key == null ? item.equals(wanted) : item.path(key).equals(wanted.path(key))
                        || item.path(key).asText().equals(wanted.path(key).asText(null));
                if (match) {
                    sorted.add(item);
                    rest.remove(i);
                    break;
                }
            }
        }
        rest.forEach(sorted::add);
        return sorted;
    }

    /** A patch body without its directives, for checking its fields against the schema. */
    public static byte[] withoutDirectives(byte[] patch) {
        try {
            JsonNode node = Json.MAPPER.readTree(patch);
            return node == null ? patch : Json.MAPPER.writeValueAsBytes(stripDirectives(node));
        } catch (IOException e) {
            return patch;
        }
    }

    private static JsonNode stripDirectives(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> drop = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("$")) {
                    drop.add(e.getKey());
                } else {
                    stripDirectives(e.getValue());
                }
            });
            drop.forEach(o::remove);
        } else if (node instanceof ArrayNode a) {
            for (int i = a.size() - 1; i >= 0; i--) {
                JsonNode e = a.get(i);
                if (e instanceof ObjectNode o && o.size() == 1 && o.has(PATCH)) {
                    a.remove(i);
                } else {
                    stripDirectives(e);
                }
            }
        }
        return node;
    }
}
