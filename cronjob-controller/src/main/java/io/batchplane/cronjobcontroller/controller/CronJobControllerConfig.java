package io.batchplane.cronjobcontroller.controller;

import io.batchplane.client.leaderelection.LeaderElectionSettings;
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

    /** {@code leader-election.*}: the shared group, on Lease {@code kube-system/cronjob-controller}. */
    interface LeaderElection extends LeaderElectionSettings {
        @Override
        @WithDefault("cronjob-controller")
        String leaseName();
    }
}
