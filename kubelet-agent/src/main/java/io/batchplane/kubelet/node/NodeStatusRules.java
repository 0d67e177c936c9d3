package io.batchplane.kubelet.node;

import io.batchplane.api.Conditions;
import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent registers and reports about its Node, as pure functions:
 * <ul>
 * <li>registration: labels {@code kubernetes.io/hostname}, {@code kubernetes.io/os},
 * {@code kubernetes.io/arch} plus configured ones; capacity = allocatable = cpu, memory, pods;
 * {@code Ready=True} (reason {@code KubeletReady}) and MemoryPressure, DiskPressure, PIDPressure
 * False; a Hostname address; node info;</li>
 * <li>status reports: written when a stored condition differs from those (e.g. the node lifecycle
 * controller set them Unknown while the agent was unreachable), when capacity differs, or at least
 * every report period (upstream's {@code nodeStatusReportFrequency}); each carries a fresh
 * {@code lastHeartbeatTime}. The Lease, not this status, is the frequent heartbeat.</li>
 * </ul>
 */
public final class NodeStatusRules {

    public static final String REASON_READY = "KubeletReady";
    public static final String MESSAGE_READY = "kubelet is posting ready status";

    /** Type → {status, reason, message} of every condition the agent reports, Ready first (upstream's texts). */
    private static final Map<String, String[]> REPORTED = new LinkedHashMap<>();

    static {
        REPORTED.put(Conditions.NODE_READY, new String[] {"True", REASON_READY, MESSAGE_READY});
        REPORTED.put("MemoryPressure", new String[] {"False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"});
        REPORTED.put("DiskPressure", new String[] {"False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"});
        REPORTED.put("PIDPressure", new String[] {"False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"});
    }

    private NodeStatusRules() {
    }

    public static Node registration(NodeSpecification spec, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(Labels.HOSTNAME, spec.name());
        labels.put(Labels.OS, spec.os());
        labels.put(Labels.ARCH, spec.arch());
        return new NodeBuilder().withNewMetadata().withName(spec.name()).withLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withCapacity(resources(spec)).withAllocatable(resources(spec))
                .withConditions(reported(List.of(), now)).withAddresses(addresses(spec)).withDaemonEndpoints(endpoints(spec))
                .withNewNodeInfo().withOperatingSystem(spec.os()).withArchitecture(spec.arch())
                .withKubeletVersion("batchplane").withContainerRuntimeVersion("simulated://1").endNodeInfo()
                .endStatus().build();
    }

    /** The status to write now, if any (see the class comment). */
    public static Optional<Node> statusUpdate(Node current, NodeSpecification spec, Instant now, Instant lastReport,
            Duration reportPeriod) {
        List<NodeCondition> conds = current.getStatus() == null || current.getStatus().getConditions() == null ? List.of()
                : current.getStatus().getConditions();
        boolean healthy = REPORTED.entrySet().stream().allMatch(e -> conds.stream()
                .anyMatch(c -> e.getKey().equals(c.getType()) && e.getValue()[0].equals(c.getStatus())));
        boolean capacityDiffers = current.getStatus() == null || !Objects.equals(current.getStatus().getCapacity(), resources(spec))
                || !Objects.equals(current.getStatus().getAllocatable(), resources(spec));
        capacityDiffers = capacityDiffers || !Objects.equals(current.getStatus().getAddresses(), addresses(spec))
                || !Objects.equals(current.getStatus().getDaemonEndpoints(), endpoints(spec));
        boolean due = lastReport == null || Duration.between(lastReport, now).compareTo(reportPeriod) >= 0;
        if (healthy && !capacityDiffers && !due) {
            return Optional.empty();
        }
        List<NodeCondition> next = new ArrayList<>();
        for (NodeCondition c : conds) {
            if (!REPORTED.containsKey(c.getType())) {
                next.add(c);
            }
        }
        next.addAll(0, reported(conds, now));
        return Optional.of(new NodeBuilder(current).editOrNewStatus().withCapacity(resources(spec))
                .withAllocatable(resources(spec)).withConditions(next).withAddresses(addresses(spec))
                .withDaemonEndpoints(endpoints(spec)).endStatus().build());
    }

    /** The conditions the agent reports, each with a fresh heartbeat; transition times kept while unchanged. */
    static List<NodeCondition> reported(List<NodeCondition> previous, Instant now) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<NodeCondition> out = new ArrayList<>();
        REPORTED.forEach((type, v) -> {
            String since = previous.stream().filter(c -> type.equals(c.getType()) && v[0].equals(c.getStatus())
                    && c.getLastTransitionTime() != null).map(NodeCondition::getLastTransitionTime).findFirst().orElse(at);
            out.add(new NodeConditionBuilder().withType(type).withStatus(v[0]).withReason(v[1]).withMessage(v[2])
                    .withLastHeartbeatTime(at).withLastTransitionTime(since).build());
        });
        return out;
    }

    /** InternalIP (where the API server reaches the agent's HTTP endpoint) and Hostname. */
    static List<io.fabric8.kubernetes.api.model.NodeAddress> addresses(NodeSpecification spec) {
        return List.of(new io.fabric8.kubernetes.api.model.NodeAddress(spec.internalIp(), "InternalIP"),
                new io.fabric8.kubernetes.api.model.NodeAddress(spec.name(), "Hostname"));
    }

    static io.fabric8.kubernetes.api.model.NodeDaemonEndpoints endpoints(NodeSpecification spec) {
        return new io.fabric8.kubernetes.api.model.NodeDaemonEndpointsBuilder().withNewKubeletEndpoint()
                .withPort(spec.kubeletPort()).endKubeletEndpoint().build();
    }

    private static Map<String, Quantity> resources(NodeSpecification spec) {
        Map<String, Quantity> r = new LinkedHashMap<>();
        r.put("cpu", new Quantity(spec.cpu()));
        r.put("memory", new Quantity(spec.memory()));
        r.put("pods", new Quantity(Integer.toString(spec.pods())));
        return r;
    }
}
