package io.batchplane.apiserver.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of who may do what, written as code like kube-apiserver's bootstrap ClusterRoles and
 * their bindings: each batchplane identity gets the least it needs to do its job. There are no
 * user-defined roles; anything not granted here is forbidden.
 *
 * <ul>
 *   <li>group {@code system:masters}: everything;</li>
 *   <li>{@code system:job-controller}, {@code system:cronjob-controller}, {@code system:ttl-controller},
 *       {@code system:kube-scheduler}: their own kinds, events, and leader election (get, create, update
 *       Leases in {@code kube-system});</li>
 *   <li>group {@code system:nodes}: Nodes, node Leases in {@code kube-node-lease}, reading pods and
 *       writing pod status; {@link NodeRestriction} narrows this to the node's own objects.</li>
 * </ul>
 */
public final class BootstrapRoles {

    public static final String MASTERS_GROUP = "system:masters";
    public static final String NODES_GROUP = "system:nodes";
    public static final String NODE_USER_PREFIX = "system:node:";
    public static final String JOB_CONTROLLER = "system:job-controller";
    public static final String CRONJOB_CONTROLLER = "system:cronjob-controller";
    public static final String TTL_CONTROLLER = "system:ttl-controller";
    public static final String SCHEDULER = "system:kube-scheduler";
    /** Where controllers keep their leader-election Leases. */
    public static final String LEADER_ELECTION_NAMESPACE = "kube-system";
    /** Where each node keeps the Lease it renews as its heartbeat. */
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    private static final String CORE = "";
    private static final String BATCH = "batch";
    private static final String COORDINATION = "coordination.k8s.io";

    private static final List<PolicyRule> CONTROLLER_COMMON = List.of(
            rule(CORE, "events", "create update patch"),
            ruleIn(LEADER_ELECTION_NAMESPACE, COORDINATION, "leases", "get create update"));

    private static final Map<String, List<PolicyRule>> BY_USER = Map.of(
            JOB_CONTROLLER, withCommon(
                    rule(BATCH, "jobs", "get list watch update patch"),
                    rule(BATCH, "jobs/status", "update patch"),
                    rule(CORE, "pods", "get list watch create delete patch update")),
            CRONJOB_CONTROLLER, withCommon(
                    rule(BATCH, "cronjobs", "get list watch update patch"),
                    rule(BATCH, "cronjobs/status", "update patch"),
                    rule(BATCH, "jobs", "get list watch create update patch delete"),
                    rule(CORE, "pods", "get list delete")),
            TTL_CONTROLLER, withCommon(
                    rule(BATCH, "jobs", "get list watch delete"),
                    rule(CORE, "pods", "get list watch")),
            SCHEDULER, withCommon(
                    rule(CORE, "pods", "get list watch delete"),
                    rule(CORE, "pods/binding", "create"),
                    rule(CORE, "pods/status", "update patch"),
                    rule(CORE, "nodes", "get list watch update patch"),
                    rule(CORE, "nodes/status", "update patch"),
                    rule(COORDINATION, "leases", "get list watch")));

    private static final Map<String, List<PolicyRule>> BY_GROUP = Map.of(
            MASTERS_GROUP, List.of(new PolicyRule(PolicyRule.ALL, Set.of(PolicyRule.ALL), Set.of(PolicyRule.ALL), null)),
            NODES_GROUP, List.of(
                    rule(CORE, "nodes", "get list watch create update patch"),
                    rule(CORE, "nodes/status", "get update patch"),
                    ruleIn(NODE_LEASE_NAMESPACE, COORDINATION, "leases", "get create update delete"),
                    rule(CORE, "pods", "get list watch delete"),
                    rule(CORE, "pods/status", "update patch"),
                    rule(CORE, "events", "create patch"),
                    rule(CORE, "namespaces", "get")));

    private BootstrapRoles() {
    }

    /** Every rule that applies to {@code user}: those bound to its name and to each of its groups. */
    public static List<PolicyRule> rulesFor(UserInfo user) {
        List<PolicyRule> rules = new ArrayList<>(BY_USER.getOrDefault(user.name(), List.of()));
        for (String group : user.groups()) {
            rules.addAll(BY_GROUP.getOrDefault(group, List.of()));
        }
        return rules;
    }

    private static List<PolicyRule> withCommon(PolicyRule... own) {
        List<PolicyRule> rules = new ArrayList<>(List.of(own));
        rules.addAll(CONTROLLER_COMMON);
        return List.copyOf(rules);
    }

    private static PolicyRule rule(String group, String resources, String verbs) {
        return ruleIn(null, group, resources, verbs);
    }

    private static PolicyRule ruleIn(String namespace, String group, String resources, String verbs) {
        return new PolicyRule(group, Set.of(resources.split(" ")), Set.of(verbs.split(" ")), namespace);
    }
}
