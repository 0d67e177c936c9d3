package io.batchplane.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeRestrictionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UserInfo N1 = new UserInfo("system:node:n1", "u1", Set.of("system:nodes"));
    private static final UserInfo NAMELESS = new UserInfo("system:node:", "u0", Set.of("system:nodes"));
    private static final UserInfo ADMIN = new UserInfo("admin", "0", Set.of("system:masters"));
    private static final UserInfo NOT_IN_GROUP = new UserInfo("system:node:n1", "u9", Set.of());

    private static final ObjectNode NODE_N1 = json("{\"metadata\":{\"name\":\"n1\",\"labels\":{\"zone\":\"a\","
            + "\"node-restriction.kubernetes.io/pool\":\"gpu\"}},\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]}}");
    private static final ObjectNode NODE_N1_RELABELED = json("{\"metadata\":{\"name\":\"n1\",\"labels\":{\"zone\":\"b\","
            + "\"node-restriction.kubernetes.io/pool\":\"gpu\"}},\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]}}");
    private static final ObjectNode NODE_N1_POOL_CHANGED = json("{\"metadata\":{\"name\":\"n1\",\"labels\":{\"zone\":\"a\","
            + "\"node-restriction.kubernetes.io/pool\":\"cpu\"}},\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]}}");
    private static final ObjectNode NODE_N1_POOL_REMOVED = json("{\"metadata\":{\"name\":\"n1\",\"labels\":{\"zone\":\"a\"}},"
            + "\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]}}");
    private static final ObjectNode NODE_N1_UNTAINTED = json("{\"metadata\":{\"name\":\"n1\",\"labels\":{\"zone\":\"a\","
            + "\"node-restriction.kubernetes.io/pool\":\"gpu\"}},\"spec\":{}}");
    private static final ObjectNode NEW_NODE_N1 = json("{\"metadata\":{\"name\":\"n1\",\"labels\":{\"zone\":\"a\"}}}");
    private static final ObjectNode NEW_NODE_N1_SUBDOMAIN_LABEL = json(
            "{\"metadata\":{\"name\":\"n1\",\"labels\":{\"x.node-restriction.kubernetes.io/a\":\"1\"}}}");
    private static final ObjectNode NEW_NODE_N2 = json("{\"metadata\":{\"name\":\"n2\"}}");
    private static final ObjectNode POD_ON_N1 = json("{\"metadata\":{\"name\":\"p1\",\"labels\":{\"app\":\"a\"}},"
            + "\"spec\":{\"nodeName\":\"n1\"}}");
    private static final ObjectNode POD_ON_N1_RELABELED = json("{\"metadata\":{\"name\":\"p1\",\"labels\":{\"app\":\"b\"}},"
            + "\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\"}}");
    private static final ObjectNode POD_ON_N1_RUNNING = json("{\"metadata\":{\"name\":\"p1\",\"labels\":{\"app\":\"a\"}},"
            + "\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\"}}");
    private static final ObjectNode POD_ON_N2 = json("{\"metadata\":{\"name\":\"p2\"},\"spec\":{\"nodeName\":\"n2\"}}");
    private static final ObjectNode POD_ON_N2_CLAIMED = json("{\"metadata\":{\"name\":\"p2\"},\"spec\":{\"nodeName\":\"n1\"}}");
    private static final ObjectNode LEASE_N1 = json("{\"metadata\":{\"name\":\"n1\",\"namespace\":\"kube-node-lease\"}}");
    private static final ObjectNode LEASE_N2 = json("{\"metadata\":{\"name\":\"n2\",\"namespace\":\"kube-node-lease\"}}");

    private final NodeRestriction restriction = new NodeRestriction();

    static Stream<Arguments> cases() {
        return Stream.of(
                // nodes
                arguments("create own node", N1, at("create", "nodes", "", "", ""), NEW_NODE_N1, null, null),
                arguments("create other node", N1, at("create", "nodes", "", "", ""), NEW_NODE_N2, null,
                        "nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\""),
                arguments("create own node with restricted label", N1, at("create", "nodes", "", "", ""), NODE_N1, null,
                        "node \"n1\" is not allowed to set the following labels: node-restriction.kubernetes.io/pool"),
                arguments("create own node with restricted subdomain label", N1, at("create", "nodes", "", "", ""),
                        NEW_NODE_N1_SUBDOMAIN_LABEL, null, "is not allowed to set the following labels: x.node-restriction.kubernetes.io/a"),
                arguments("update own node, free label", N1, at("update", "nodes", "", "", "n1"), NODE_N1_RELABELED, NODE_N1, null),
                arguments("patch own node status", N1, at("patch", "nodes", "status", "", "n1"), NODE_N1, NODE_N1, null),
                arguments("update other node", N1, at("update", "nodes", "", "", "n2"), NEW_NODE_N2, NEW_NODE_N2,
                        "node \"n1\" is not allowed to modify node \"n2\""),
                arguments("update other node status", N1, at("update", "nodes", "status", "", "n2"), NEW_NODE_N2, NEW_NODE_N2,
                        "node \"n1\" is not allowed to modify node \"n2\""),
                arguments("change restricted label", N1, at("update", "nodes", "", "", "n1"), NODE_N1_POOL_CHANGED, NODE_N1,
                        "node \"n1\" is not allowed to modify labels: node-restriction.kubernetes.io/pool"),
                arguments("remove restricted label", N1, at("patch", "nodes", "", "", "n1"), NODE_N1_POOL_REMOVED, NODE_N1,
                        "is not allowed to modify labels: node-restriction.kubernetes.io/pool"),
                arguments("add restricted label", N1, at("update", "nodes", "", "", "n1"), NODE_N1, NODE_N1_POOL_REMOVED,
                        "is not allowed to modify labels: node-restriction.kubernetes.io/pool"),
                arguments("remove own taints", N1, at("update", "nodes", "", "", "n1"), NODE_N1_UNTAINTED, NODE_N1,
                        "node \"n1\" is not allowed to modify taints"),
                arguments("read other node", N1, at("get", "nodes", "", "", "n2"), null, null, null),
                // leases
                arguments("create own lease", N1, at("create", "leases", "", "kube-node-lease", ""), LEASE_N1, null, null),
                arguments("update own lease", N1, at("update", "leases", "", "kube-node-lease", "n1"), LEASE_N1, LEASE_N1, null),
                arguments("delete own lease", N1, at("delete", "leases", "", "kube-node-lease", "n1"), null, LEASE_N1, null),
                arguments("create other lease", N1, at("create", "leases", "", "kube-node-lease", ""), LEASE_N2, null,
                        "leases.coordination.k8s.io \"n2\" is forbidden: can only access node lease with the same name as the requesting node"),
                arguments("update other lease", N1, at("update", "leases", "", "kube-node-lease", "n2"), LEASE_N2, LEASE_N2,
                        "can only access node lease with the same name as the requesting node"),
                arguments("own lease name elsewhere", N1, at("update", "leases", "", "kube-system", "n1"), LEASE_N1, LEASE_N1,
                        "can only access leases in the \"kube-node-lease\" system namespace"),
                // pods
                arguments("create pod", N1, at("create", "pods", "", "default", ""), POD_ON_N1, null,
                        "node \"n1\" is not allowed to create pods"),
                arguments("delete own pod", N1, at("delete", "pods", "", "default", "p1"), null, POD_ON_N1, null),
                arguments("delete other node's pod", N1, at("delete", "pods", "", "default", "p2"), null, POD_ON_N2,
                        "pods \"p2\" is forbidden: node \"n1\" can only delete pods with spec.nodeName set to itself"),
                arguments("delete without stored pod", N1, at("delete", "pods", "", "default", "p2"), null, null,
                        "can only delete pods with spec.nodeName set to itself"),
                arguments("update pod spec", N1, at("update", "pods", "", "default", "p1"), POD_ON_N1, POD_ON_N1,
                        "unexpected operation \"update\", node \"n1\" can only delete pods"),
                arguments("update own pod status", N1, at("update", "pods", "status", "default", "p1"), POD_ON_N1_RUNNING, POD_ON_N1, null),
                arguments("patch own pod status", N1, at("patch", "pods", "status", "default", "p1"), POD_ON_N1_RUNNING, POD_ON_N1, null),
                arguments("update other pod status", N1, at("update", "pods", "status", "default", "p2"), POD_ON_N2, POD_ON_N2,
                        "node \"n1\" can only update pod status for pods with spec.nodeName set to itself"),
                arguments("claim other pod through new object", N1, at("update", "pods", "status", "default", "p2"),
                        POD_ON_N2_CLAIMED, POD_ON_N2, "can only update pod status for pods with spec.nodeName set to itself"),
                arguments("relabel through pod status", N1, at("update", "pods", "status", "default", "p1"), POD_ON_N1_RELABELED, POD_ON_N1,
                        "node \"n1\" cannot update labels through pod status"),
                arguments("pod binding", N1, at("create", "pods", "binding", "default", "p1"), null, POD_ON_N1,
                        "unexpected pod subresource \"binding\", only 'status' is allowed"),
                arguments("list pods everywhere", N1, at("list", "pods", "", "", ""), null, null, null),
                // other kinds and users
                arguments("create event", N1, at("create", "events", "", "default", ""), json("{}"), null, null),
                arguments("node user without a name", NAMELESS, at("update", "nodes", "", "", "n1"), NODE_N1, NODE_N1,
                        "could not determine node from user \"system:node:\""),
                arguments("admin is not restricted", ADMIN, at("delete", "pods", "", "default", "p2"), null, POD_ON_N2, null),
                arguments("node name without group is not a node", NOT_IN_GROUP, at("delete", "pods", "", "default", "p2"),
                        null, POD_ON_N2, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void admits(String name, UserInfo user, RequestAttributes attrs, ObjectNode newObj, ObjectNode oldObj, String forbidden) {
        if (forbidden == null) {
            assertDoesNotThrow(() -> restriction.admit(user, attrs, newObj, oldObj));
            return;
        }
        ApiException e = assertThrows(ApiException.class, () -> restriction.admit(user, attrs, newObj, oldObj));
        assertEquals(StatusReason.FORBIDDEN, e.reason());
        assertTrue(e.getMessage().contains(forbidden), e.getMessage());
    }

    private static RequestAttributes at(String verb, String resource, String sub, String ns, String name) {
        return new RequestAttributes(verb, resource, sub, ns, name);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
