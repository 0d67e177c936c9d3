package io.batchplane.client.leaderelection;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.quarkus.runtime.Quarkus;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The life cycle every leader-elected component shares: campaign for its Lease; while leading, run
 * its {@link Work}; on losing the Lease stop the work and end the process, as upstream controller
 * managers and the scheduler do, so a restarted process campaigns afresh from empty caches and two
 * leaders never act at once. With leader election disabled the work starts at once.
 *
 * <p>A component only says which Lease ({@link LeaderElectionSettings}) and what to start and stop.
 * {@link Work#start()} runs on its own daemon thread, so it may block (for example until informer caches
 * have synced); {@link #stop()} interrupts it and waits for it before calling {@link Work#stop()}, so a
 * start never races past a stop. An orderly {@link #stop()} (process shutdown) stops the work first,
 * then hands the Lease back so a successor takes over at its next retry rather than after the lease
 * duration; it does not count as losing leadership.
 */
public final class LeaderElectedRunner {

    /** What runs only while this process leads. */
    public interface Work {
        /** Builds and starts the work; may block, and should return promptly when interrupted. */
        void start();

        /** Stops the work; called at most once per start, after {@link #start()} has returned. */
        void stop();
    }

    private static final Logger LOG = Logger.getLogger(LeaderElectedRunner.class);
    /** How long shutdown waits for a blocked start to give up and for the Lease release. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final String component;
    private final LeaderElectionSettings settings;
    private final Work work;
    private final Runnable onLeadershipLost;
    private final String identity;
    private final LeaderElector elector;

    // Guarded by `this`.
    private Thread starter;
    private boolean working;
    private boolean stopping;

    /** A runner that exits the process (status 1) when leadership is lost. */
    public LeaderElectedRunner(String component, ResourceClient client, Clock clock, LeaderElectionSettings settings,
            Work work) {
        this(component, client, clock, settings, work, () -> Quarkus.asyncExit(1));
    }

    LeaderElectedRunner(String component, ResourceClient client, Clock clock, LeaderElectionSettings settings, Work work,
            Runnable onLeadershipLost) {
        this.component = component;
        this.settings = settings;
        this.work = work;
        this.onLeadershipLost = onLeadershipLost;
        this.identity = settings.resolveIdentity();
        this.elector = settings.enabled()
                ? new LeaderElector(client, settings.toConfig(identity), new Callbacks(), clock)
                : null;
    }

    /** This candidate's holder identity in the Lease (also when election is disabled). */
    public String identity() {
        return identity;
    }

    /** Whether the work runs now: leading, or election disabled and started. */
    public synchronized boolean isWorking() {
        return working;
    }

    /** Campaigns for the Lease, or starts the work at once when leader election is disabled. */
    public void start() {
        if (elector == null) {
            LOG.infof("%s: leader election disabled; starting", component);
            startWork();
        } else {
            elector.start();
        }
    }

    /** Orderly shutdown: stops the work, then releases the Lease (bounded wait). Idempotent. */
    public void stop() {
        synchronized (this) {
            stopping = true;
        }
        stopWork();
        if (elector != null) {
            elector.stop().await().atMost(STOP_WAIT);
        }
    }

    private synchronized void startWork() {
        if (working || stopping) {
            return;
        }
        working = true;
        starter = new Thread(this::runStart, component + "-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void runStart() {
        try {
            work.start();
        } catch (RuntimeException e) {
            // A leader that cannot work must not keep the Lease: give it up the way a lost Lease is.
            LOG.errorf(e, "%s: starting the work failed; exiting", component);
            boolean orderly;
            synchronized (this) {
                orderly = stopping;
            }
            if (!orderly) {
                onLeadershipLost.run();
            }
        }
    }

    private void stopWork() {
        Thread t;
        synchronized (this) {
            if (!working) {
                return;
            }
            working = false;
            t = starter;
            starter = null;
        }
        t.interrupt();
        try {
            t.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warnf("%s: start did not return within %s; stopping anyway", component, STOP_WAIT);
        }
        work.stop();
    }

    private final class Callbacks implements LeaderCallbacks {
        @Override
        public void onStartedLeading() {
            LOG.infof("%s: leading as %s", component, identity);
            startWork();
        }

        @Override
        public void onStoppedLeading() {
            boolean orderly;
            synchronized (LeaderElectedRunner.this) {
                orderly = stopping;
            }
            if (orderly) {
                return;
            }
            LOG.errorf("%s: lost Lease %s/%s; stopping and exiting", component, settings.leaseNamespace(),
                    settings.leaseName());
            // Off the elector's thread: stopping may wait for a blocked start.
            Thread t = new Thread(() -> {
                stopWork();
                onLeadershipLost.run();
            }, component + "-lost-lease");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void onNewLeader(String holder) {
            LOG.infof("%s: leader of Lease %s/%s is now %s", component, settings.leaseNamespace(), settings.leaseName(),
                    holder.isEmpty() ? "(none)" : holder);
        }
    }
}
