package io.batchplane.ttlcontroller.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the TTL-after-finished controller, with upstream kube-controller-manager's defaults. */
@ConfigMapping(prefix = "batchplane.ttl-controller")
public interface TtlControllerConfig {

    /** Worker threads ({@code --concurrent-ttl-after-finished-syncs}, 5). */
    @WithDefault("5")
    int workers();

    /**
     * How the deletion of an expired Job reaches its pods: {@code Background} (the Job goes at once,
     * the garbage collector removes its pods) or {@code Foreground} (upstream's choice: the Job stays,
     * marked, until its pods are gone).
     */
    @WithDefault("Background")
    Propagation propagationPolicy();

    /** Upper bound on one API server call. */
    @WithDefault("30s")
    Duration apiTimeout();

    LeaderElection leaderElection();

    enum Propagation { Background, Foreground }

    /** Leader election on a {@code coordination.k8s.io/v1} Lease, as upstream controllers do. */
    interface LeaderElection {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("kube-system")
        String leaseNamespace();

        @WithDefault("ttl-controller")
        String leaseName();

        /** This candidate's name; default: host name plus a random suffix. */
        Optional<String> identity();

        @WithDefault("15s")
        Duration leaseDuration();

        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }
}
