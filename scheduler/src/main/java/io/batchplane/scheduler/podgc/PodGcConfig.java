package io.batchplane.scheduler.podgc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code batchplane.pod-gc.*}: the pod garbage collector, with upstream kube-controller-manager's defaults. */
@ConfigMapping(prefix = "batchplane.pod-gc")
public interface PodGcConfig {

    @WithDefault("true")
    boolean enabled();

    /**
     * How many finished (Succeeded/Failed) pods may exist before the oldest are deleted; 0 or less
     * turns that rule off (upstream's {@code --terminated-pod-gc-threshold}).
     */
    @WithDefault("12500")
    int terminatedPodThreshold();

    /** How often the collector looks at every pod (upstream's fixed check period). */
    @WithDefault("20s")
    Duration gcPeriod();

    /**
     * How long a node that pods are bound to must stay missing from the node cache before the API
     * server is asked whether it is really gone (upstream's quarantine time).
     */
    @WithDefault("40s")
    Duration quarantineTime();

    /**
     * Our addition over upstream: a terminating pod on an unreachable node (Ready not True, taint
     * {@code node.kubernetes.io/unreachable}) whose deletion grace period has run out is marked Failed
     * and its deletion completed, since no agent is left to do it. See docs/design/scheduler.md.
     */
    @WithDefault("true")
    boolean finishTerminatingOnUnreachableNodes();
}
