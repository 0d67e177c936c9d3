package io.batchplane.cronjobcontroller.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the CronJob controller, with upstream kube-controller-manager's defaults. */
@ConfigMapping(prefix = "batchplane.cronjob-controller")
public interface CronJobControllerConfig {

    /** Worker threads ({@code --concurrent-cron-job-syncs}, 5). */
    @WithDefault("5")
    int workers();

    /**
     * The zone of schedules whose CronJob sets no {@code timeZone}. Upstream uses the controller
     * process's local zone; so does this when unset.
     */
    Optional<String> defaultTimeZone();

    /** Upper bound on one API server call. */
    @WithDefault("30s")
    Duration apiTimeout();

    LeaderElection leaderElection();

    /** Leader election on a {@code coordination.k8s.io/v1} Lease, as upstream controllers do. */
    interface LeaderElection {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("kube-system")
        String leaseNamespace();

        @WithDefault("cronjob-controller")
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
