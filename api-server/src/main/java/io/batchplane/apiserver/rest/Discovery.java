package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.resource.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legacy (unaggregated) discovery documents: {@code /version}, {@code /api},
 * {@code /api/v1}, {@code /apis} and {@code /apis/{group}/{version}}, built from
 * {@link ResourceType#ALL}. Clients that ask for aggregated discovery get these too, answered as
 * plain {@code application/json}, which client-go takes as "aggregation not supported".
 */
final class Discovery {

    /** The Kubernetes release whose API this server speaks; kubectl picks its client by the minor. */
    static final String MAJOR = "1";
    static final String MINOR = "32";

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    private static final Map<String, List<String>> SHORT_NAMES = Map.of("pods", List.of("po"), "nodes",
            List.of("no"), "namespaces", List.of("ns"), "events", List.of("ev"), "cronjobs", List.of("cj"));
    private static final Set<String> IN_CATEGORY_ALL = Set.of("pods", "jobs", "cronjobs");

    private Discovery() {
    }

    static ObjectNode version() {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("major", MAJOR);
        v.put("minor", MINOR);
        v.put("gitVersion", "v" + MAJOR + "." + MINOR + ".0-batchplane");
        v.put("gitCommit", "");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "1970-01-01T00:00:00Z");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("compiler", "javac");
        v.put("platform", System.getProperty("os.name", "linux").toLowerCase() + "/"
                + System.getProperty("os.arch", "amd64"));
        return v;
    }

    /** {@code /api}: the core group's versions. */
    static ObjectNode coreVersions(String serverAddress) {
        ObjectNode api = Json.MAPPER.createObjectNode();
        api.put("kind", "APIVersions");
        api.putArray("versions").add("v1");
        ObjectNode cidr = api.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress);
        return api;
    }

    /** {@code /apis}: every named group. */
    static ObjectNode groups() {
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String groupVersion : groupVersions()) {
            int slash = groupVersion.indexOf('/');
            ObjectNode group = groups.addObject();
            group.put("name", groupVersion.substring(0, slash));
            ObjectNode version = group.putArray("versions").addObject();
            version.put("groupVersion", groupVersion);
            version.put("version", groupVersion.substring(slash + 1));
            group.set("preferredVersion", version.deepCopy());
        }
        return list;
    }

    /** The named group versions served, e.g. {@code batch/v1}. */
    static Set<String> groupVersions() {
        Set<String> out = new LinkedHashSet<>();
        ResourceType.ALL.stream().filter(t -> !t.group().isEmpty()).forEach(t -> out.add(t.apiVersion()));
        return out;
    }

    /** {@code /api/v1} or {@code /apis/{group}/{version}}; null when the group version is not served. */
    static ObjectNode resources(String group, String version) {
        List<ResourceType> types = ResourceType.ALL.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
        if (types.isEmpty()) {
            return null;
        }
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", types.get(0).apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode r = resource(resources, type, type.resource(), VERBS);
            r.put("singularName", type.kind().toLowerCase());
            List<String> shortNames = SHORT_NAMES.get(type.resource());
            if (shortNames != null) {
                shortNames.forEach(r.putArray("shortNames")::add);
            }
            if (IN_CATEGORY_ALL.contains(type.resource())) {
                r.putArray("categories").add("all");
            }
            if (hasStatus(type)) {
                resource(resources, type, type.resource() + "/status", List.of("get", "patch", "update"));
            }
            if (type.equals(ResourceType.PODS)) {
                resource(resources, type, "pods/binding", List.of("create")).put("kind", "Binding");
            }
        }
        return list;
    }

    static boolean hasStatus(ResourceType type) {
        return !type.equals(ResourceType.EVENTS) && !type.equals(ResourceType.LEASES);
    }

    private static ObjectNode resource(ArrayNode resources, ResourceType type, String name, List<String> verbs) {
        ObjectNode r = resources.addObject();
        r.put("name", name);
        r.put("singularName", "");
        r.put("namespaced", type.namespaced());
        r.put("kind", type.kind());
        verbs.forEach(r.putArray("verbs")::add);
        return r;
    }
}
