package io.batchplane.scheduler;

import io.batchplane.client.leaderelection.LeaderElectionSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code batchplane.scheduler.*}: the scheduling loop and leader election. */
@ConfigMapping(prefix = "batchplane.scheduler")
public interface SchedulerConfig {

    /** Pods naming another {@code spec.schedulerName} are left to that scheduler. */
    @WithDefault("default-scheduler")
    String schedulerName();

    /**
     * Worker threads deciding and binding in parallel (the assume cache keeps them consistent). A bind
     * holds its worker for one API round trip (upstream binds each pod asynchronously), so there are
     * enough of them to keep binds in flight while the API server commits them in shared batches.
     */
    @WithDefault("16")
    int workers();

    /** The longest an unschedulable pod waits before it is tried again without any cluster change. */
    @WithDefault("5m")
    Duration unschedulableRetry();

    LeaderElection leaderElection();

    /** Leader election on a Lease, so that of several replicas only one schedules (the shared group). */
    interface LeaderElection extends LeaderElectionSettings {
        @Override
        @WithDefault("kube-scheduler")
        String leaseName();
    }
}
