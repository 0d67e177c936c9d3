package io.batchplane.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Admission for writes by node agents, after {@link Authorizer} has allowed the verb: like
 * Kubernetes' NodeRestriction plugin, it confines a node to its own objects so that one compromised
 * node cannot touch the rest of the cluster.
 *
 * <ul>
 *   <li>Nodes: only the Node named as itself; on create it may not set labels under
 *       {@code node-restriction.kubernetes.io/}, on update it may not change them nor its taints.</li>
 *   <li>Leases: only in {@code kube-node-lease}, and only the one named as itself.</li>
 *   <li>Pods: never create; delete and update {@code pods/status} only of pods whose (stored)
 *       {@code spec.nodeName} is itself, and a status update may not change labels.</li>
 * </ul>
 *
 * Users that are not nodes, and read-only verbs, pass untouched.
 */
public final class NodeRestriction {

    /** Labels under this prefix steer workloads, so nodes must not label themselves with it. */
    public static final String RESTRICTED_LABEL_DOMAIN = "node-restriction.kubernetes.io";

    /**
     * Returns normally when the write is admitted.
     *
     * @param newObj the object as it would be stored after the write (the patched result for a patch);
     *     null for deletes
     * @param oldObj the stored object before the write; required for updates, patches and deletes of
     *     pods, whose {@code spec.nodeName} decides, and for label and taint checks on Node updates
     * @throws ApiException Forbidden when a node oversteps
     */
    public void admit(UserInfo user, RequestAttributes attrs, ObjectNode newObj, ObjectNode oldObj) {
        String node = NodeIdentity.nodeName(user).orElse(null);
        if (node == null || attrs.isReadOnly()) {
            return;
        }
        String name = !attrs.name().isEmpty() ? attrs.name() : text(newObj, "/metadata/name");
        if (node.isEmpty()) {
            throw Forbidden.of(attrs, name, "could not determine node from user \"" + user.name() + "\"");
        }
        switch (attrs.resource()) {
            case "pods" -> admitPod(node, attrs, name, newObj, oldObj);
            case "nodes" -> admitNode(node, attrs, name, newObj, oldObj);
            case "leases" -> admitLease(node, attrs, name);
            default -> {
                // other kinds (events) carry no node-scoped restriction beyond the role table
            }
        }
    }

    private static void admitPod(String node, RequestAttributes attrs, String name, ObjectNode newObj, ObjectNode oldObj) {
        String verb = attrs.verb();
        switch (attrs.subresource()) {
            case "" -> {
                if (verb.equals("create")) {
                    throw Forbidden.of(attrs, name, "node \"" + node + "\" is not allowed to create pods");
                }
                if (!verb.equals("delete")) {
                    throw Forbidden.of(attrs, name, "unexpected operation \"" + verb + "\", node \"" + node
                            + "\" can only delete pods");
                }
                if (!node.equals(text(oldObj, "/spec/nodeName"))) {
                    throw Forbidden.of(attrs, name, "node \"" + node
                            + "\" can only delete pods with spec.nodeName set to itself");
                }
            }
            case "status" -> {
                if (!verb.equals("update") && !verb.equals("patch")) {
                    throw Forbidden.of(attrs, name, "unexpected operation \"" + verb + "\"");
                }
                if (!node.equals(text(oldObj, "/spec/nodeName"))) {
                    throw Forbidden.of(attrs, name, "node \"" + node
                            + "\" can only update pod status for pods with spec.nodeName set to itself");
                }
                if (newObj != null && !labels(newObj).equals(labels(oldObj))) {
                    throw Forbidden.of(attrs, name, "node \"" + node + "\" cannot update labels through pod status");
                }
            }
            default -> throw Forbidden.of(attrs, name, "unexpected pod subresource \"" + attrs.subresource()
                    + "\", only 'status' is allowed");
        }
    }

    private static void admitNode(String node, RequestAttributes attrs, String name, ObjectNode newObj, ObjectNode oldObj) {
        if (!node.equals(name)) {
            throw Forbidden.of(attrs, name, "node \"" + node + "\" is not allowed to modify node \"" + name + "\"");
        }
        if (attrs.verb().equals("create") && newObj != null) {
            TreeSet<String> restricted = restrictedChanges(labels(newObj), Map.of());
            if (!restricted.isEmpty()) {
                throw Forbidden.of(attrs, name, "node \"" + node + "\" is not allowed to set the following labels: "
                        + String.join(", ", restricted));
            }
        }
        if ((attrs.verb().equals("update") || attrs.verb().equals("patch")) && newObj != null && oldObj != null) {
            if (!taints(newObj).equals(taints(oldObj))) {
                throw Forbidden.of(attrs, name, "node \"" + node + "\" is not allowed to modify taints");
            }
            TreeSet<String> restricted = restrictedChanges(labels(newObj), labels(oldObj));
            if (!restricted.isEmpty()) {
                throw Forbidden.of(attrs, name, "node \"" + node + "\" is not allowed to modify labels: "
                        + String.join(", ", restricted));
            }
        }
    }

    private static void admitLease(String node, RequestAttributes attrs, String name) {
        if (!attrs.namespace().equals(BootstrapRoles.NODE_LEASE_NAMESPACE)) {
            throw Forbidden.of(attrs, name, "can only access leases in the \"" + BootstrapRoles.NODE_LEASE_NAMESPACE
                    + "\" system namespace");
        }
        if (!node.equals(name)) {
            throw Forbidden.of(attrs, name, "can only access node lease with the same name as the requesting node");
        }
    }

    /** Keys in the restricted domain (or a subdomain of it) that differ between the two label maps. */
    private static TreeSet<String> restrictedChanges(Map<String, String> after, Map<String, String> before) {
        TreeSet<String> changed = new TreeSet<>();
        TreeSet<String> keys = new TreeSet<>(after.keySet());
        keys.addAll(before.keySet());
        for (String key : keys) {
            if (!Objects.equals(after.get(key), before.get(key)) && isRestricted(key)) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static boolean isRestricted(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String domain = key.substring(0, slash);
        return domain.equals(RESTRICTED_LABEL_DOMAIN) || domain.endsWith("." + RESTRICTED_LABEL_DOMAIN);
    }

    private static Map<String, String> labels(ObjectNode obj) {
        Map<String, String> labels = new TreeMap<>();
        if (obj != null) {
            for (Map.Entry<String, JsonNode> e : obj.at("/metadata/labels").properties()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        }
        return labels;
    }

    /** The taints, with absent, null and empty all reading as "no taints". */
    private static JsonNode taints(ObjectNode obj) {
        JsonNode taints = obj.at("/spec/taints");
        return taints.isArray() && !taints.isEmpty() ? taints : MissingNode.getInstance();
    }

    private static String text(ObjectNode obj, String pointer) {
        if (obj == null) {
            return "";
        }
        JsonNode n = obj.at(pointer);
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }
}
