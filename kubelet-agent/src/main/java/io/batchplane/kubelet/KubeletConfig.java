package io.batchplane.kubelet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code batchplane.kubelet.*}: which node this agent is and how it keeps in touch. */
@ConfigMapping(prefix = "batchplane.kubelet")
public interface KubeletConfig {

    /** The Node's name; default: this machine's host name (lower-cased). */
    Optional<String> nodeName();

    /** CPU capacity as a Kubernetes quantity; default: the number of processors. */
    Optional<String> cpu();

    /** Memory capacity as a Kubernetes quantity; default: the machine's physical memory. */
    Optional<String> memory();

    /** Pods the node takes (upstream's maxPods). */
    @WithDefault("110")
    int maxPods();

    /** Extra Node labels, {@code key=value,key2=value2}. */
    Optional<String> labels();

    /** How often the Lease is renewed (the heartbeat). */
    @WithDefault("10s")
    Duration leaseRenewInterval();

    /** How often the Node status is checked (written only when needed, see report period). */
    @WithDefault("10s")
    Duration statusUpdateInterval();

    /** The longest the Node status goes unwritten while nothing changes. */
    @WithDefault("5m")
    Duration statusReportPeriod();

    /** Pod worker threads (per node). */
    @WithDefault("2")
    int podWorkers();

    /**
     * How many nodes this process simulates (for scale tests). 1: one node named {@code node-name};
     * more: nodes {@code <node-name>-0} .. {@code <node-name>-(n-1)}, each with its own heartbeat, pods
     * and identity.
     */
    @WithDefault("1")
    int simulatedNodes();

    /**
     * For several simulated nodes: a static token file (the API server's CSV format,
     * {@code token,user,uid,"groups"}) from which each node takes the token of user
     * {@code system:node:<name>}, so each acts under its own node identity. A node without an entry
     * uses {@code batchplane.api-server.token}.
     */
    Optional<String> nodeTokenFile();

    /**
     * What runs the pods: {@code simulated} (no processes, timed by annotations; for scale tests) or
     * {@code process} (each container a local process of this machine, see {@code ProcessRuntime}).
     */
    @WithDefault("simulated")
    RuntimeKind runtime();

    /**
     * The address the Node reports as {@code InternalIP}: where the API server reaches this agent's
     * HTTP port for container logs. The logs endpoint answers loopback callers only, so the default
     * (and, for now, the only useful value) is the API server's own machine.
     */
    @WithDefault("127.0.0.1")
    String address();

    /** How often the process runtime looks at a running pod's processes. */
    @WithDefault("500ms")
    Duration processPollInterval();

    /**
     * Whether the process runtime isolates pods as far as this machine allows (pod mount/PID/UTS
     * namespaces, volumes at their mountPath, cgroup memory and CPU limits); what is available is probed
     * once at start and what is not is logged. {@code false}: plain host processes.
     */
    @WithDefault("true")
    boolean processIsolation();

    enum RuntimeKind {
        simulated,
        process
    }
}
