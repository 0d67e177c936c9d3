package io.batchplane.jobcontroller.shell;

import io.batchplane.client.leaderelection.LeaderElectionSettings;
import io.batchplane.jobcontroller.sync.JobControllerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code batchplane.job-controller.*}: the controller's tunables, defaulting to upstream kube-controller-manager's
 * (5 concurrent Job syncs, 10 s pod-failure backoff doubling to 6 min, 500 pod writes and 500 uncounted pods per
 * sync, leader election on Lease {@code kube-system/job-controller} with 15 s / 10 s / 2 s).
 */
@ConfigMapping(prefix = "batchplane.job-controller")
public interface JobControllerSettings {

    /** Run the controller at all (tests of the app itself turn it off). */
    @WithDefault("true")
    boolean enabled();

    /** Jobs synced in parallel (upstream --concurrent-job-syncs). */
    @WithDefault("5")
    int workers();

    /** Threads issuing pod creations, deletions and patches in parallel. */
    @WithDefault("16")
    int podWriteThreads();

    @WithDefault("10s")
    Duration podFailureBackoff();

    @WithDefault("6m")
    Duration maxPodFailureBackoff();

    @WithDefault("500")
    int maxPodCreateDeletePerSync();

    @WithDefault("500")
    int maxUncountedPods();

    /** How long one API call may take before the sync fails and is retried. */
    @WithDefault("30s")
    Duration apiTimeout();

    LeaderElection leaderElection();

    /** {@code leader-election.*}: the shared group, on Lease {@code kube-system/job-controller}. */
    interface LeaderElection extends LeaderElectionSettings {
        @Override
        @WithDefault("job-controller")
        String leaseName();
    }

    default JobControllerConfig decisionConfig() {
        return new JobControllerConfig(podFailureBackoff(), maxPodFailureBackoff(), maxPodCreateDeletePerSync(), maxUncountedPods());
    }
}
