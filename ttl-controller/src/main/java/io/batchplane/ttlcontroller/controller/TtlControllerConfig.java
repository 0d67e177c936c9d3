package io.batchplane.ttlcontroller.controller;

import io.batchplane.client.leaderelection.LeaderElectionSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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

    /** {@code leader-election.*}: the shared group, on Lease {@code kube-system/ttl-controller}. */
    interface LeaderElection extends LeaderElectionSettings {
        @Override
        @WithDefault("ttl-controller")
        String leaseName();
    }
}
