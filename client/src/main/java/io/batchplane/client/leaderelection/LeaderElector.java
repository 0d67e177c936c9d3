package io.batchplane.client.leaderelection;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, with client-go's rules:
 * <ul>
 * <li>every {@code retryPeriod} a candidate reads the Lease; it may take it when it is free (no
 * holder) or when the record has not changed for {@code leaseDuration} <em>as measured on this
 * candidate's own clock since it last saw it change</em> (so clock skew between machines does not
 * matter);</li>
 * <li>all writes are compare-and-swap on the Lease's resourceVersion, so of two candidates racing
 * for an expired Lease exactly one wins;</li>
 * <li>the leader renews every {@code retryPeriod}; if it cannot renew for {@code renewDeadline} it
 * stops leading ({@link LeaderCallbacks#onStoppedLeading()}) and the elector ends;</li>
 * <li>taking over from another holder increments {@code leaseTransitions}; renewing keeps
 * {@code acquireTime};</li>
 * <li>{@link #stop()} with {@code releaseOnStop} clears the holder so others take over at once.</li>
 * </ul>
 * All timing goes through the {@link Clock}, so tests drive elections with a FakeClock.
 */
public final class LeaderElector {

    private static final Logger LOG = Logger.getLogger(LeaderElector.class);

    private final ResourceClient client;
    private final LeaderElectionConfig config;
    private final LeaderCallbacks callbacks;
    private final Clock clock;

    // Guarded by `this`.
    private LeaseSpec observed;
    private Instant observedAt;
    private String reportedLeader;
    private boolean leading;
    private Instant lastRenew;
    private boolean started;
    private boolean stopped;
    private Clock.Timer timer;

    public LeaderElector(ResourceClient client, LeaderElectionConfig config, LeaderCallbacks callbacks, Clock clock) {
        this.client = client;
        this.config = config;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** Starts campaigning: the first attempt is made at once, then every retryPeriod. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("elector already started");
        }
        started = true;
        attempt();
    }

    public synchronized boolean isLeader() {
        return leading;
    }

    /** The holder named by the Lease as last observed (empty: none or not yet read). */
    public synchronized String observedLeader() {
        return observed == null || observed.getHolderIdentity() == null ? "" : observed.getHolderIdentity();
    }

    /**
     * Stops campaigning. A leader stops leading; with {@code releaseOnStop} it first clears the
     * Lease's holder. The returned Uni completes when that is done (it never fails).
     */
    public Uni<Void> stop() {
        boolean release;
        synchronized (this) {
            if (stopped) {
                return Uni.createFrom().voidItem();
            }
            stopped = true;
            if (timer != null) {
                timer.cancel();
            }
            release = leading && config.releaseOnStop();
        }
        Uni<Void> released = release ? release() : Uni.createFrom().voidItem();
        return released.onFailure().invoke(e -> LOG.warnf("releasing lease %s failed: %s", config.leaseName(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid().invoke(this::stepDown);
    }

    private void attempt() {
        // A hung call must not keep a leader that cannot renew in office: bound it (in real time).
        tryAcquireOrRenew().ifNoItem().after(config.renewDeadline()).fail().onFailure().recoverWithItem(e -> {
            LOG.debugf("lease %s: attempt failed: %s", config.leaseName(), e.getMessage());
            return false;
        }).subscribe().with(this::afterAttempt);
    }

    private void afterAttempt(boolean success) {
        boolean startedLeading = false;
        boolean lost = false;
        synchronized (this) {
            if (stopped) {
                return;
            }
            Instant now = clock.now();
            if (success) {
                lastRenew = now;
                if (!leading) {
                    leading = true;
                    startedLeading = true;
                }
            } else if (leading && Duration.between(lastRenew, now).compareTo(config.renewDeadline()) >= 0) {
                lost = true;
                stopped = true;
            }
        }
        if (startedLeading) {
            LOG.infof("%s acquired lease %s/%s", config.identity(), config.leaseNamespace(), config.leaseName());
            callbacks.onStartedLeading();
        }
        if (lost) {
            LOG.warnf("%s failed to renew lease %s/%s within %s", config.identity(), config.leaseNamespace(),
                    config.leaseName(), config.renewDeadline());
            stepDown();
            return;
        }
        // Parked only once the round, callbacks included, is complete.
        synchronized (this) {
            if (!stopped) {
                timer = clock.schedule(config.retryPeriod(), this::attempt);
            }
        }
    }

    private void stepDown() {
        boolean was;
        synchronized (this) {
            was = leading;
            leading = false;
        }
        if (was) {
            callbacks.onStoppedLeading();
        }
    }

    /** One round: create, take over or renew the Lease; true when this candidate holds it afterwards. */
    Uni<Boolean> tryAcquireOrRenew() {
        return client.get(Lease.class, config.leaseNamespace(), config.leaseName())
                .onItem().transformToUni(this::acquireOrRenew)
                .onFailure(e -> e instanceof ApiException api && api.reason() == StatusReason.NOT_FOUND)
                .recoverWithUni(this::createLease);
    }

    private Uni<Boolean> createLease() {
        ZonedDateTime now = nowUtc();
        LeaseSpec spec = new LeaseSpecBuilder().withHolderIdentity(config.identity())
                .withLeaseDurationSeconds(leaseSeconds()).withAcquireTime(now).withRenewTime(now)
                .withLeaseTransitions(0).build();
        Lease lease = new LeaseBuilder().withNewMetadata().withNamespace(config.leaseNamespace())
                .withName(config.leaseName()).endMetadata().withSpec(spec).build();
        return client.create(lease).map(this::wrote);
    }

    private Uni<Boolean> acquireOrRenew(Lease current) {
        LeaseSpec old = current.getSpec() == null ? new LeaseSpec() : current.getSpec();
        Instant now = clock.now();
        synchronized (this) {
            if (stopped) {
                // Never take the Lease back after stop() may have released it.
                return Uni.createFrom().item(false);
            }
            if (!Objects.equals(old, observed)) {
                observe(old, now);
            }
            String holder = old.getHolderIdentity();
            boolean heldByOther = holder != null && !holder.isEmpty() && !holder.equals(config.identity());
            if (heldByOther && observedAt.plus(config.leaseDuration()).isAfter(now)) {
                return Uni.createFrom().item(false);
            }
        }
        boolean renewing = config.identity().equals(old.getHolderIdentity());
        int transitions = old.getLeaseTransitions() == null ? 0 : old.getLeaseTransitions();
        ZonedDateTime at = nowUtc();
        LeaseSpec next = new LeaseSpecBuilder().withHolderIdentity(config.identity())
                .withLeaseDurationSeconds(leaseSeconds())
                .withAcquireTime(renewing && old.getAcquireTime() != null ? old.getAcquireTime() : at)
                .withRenewTime(at).withLeaseTransitions(renewing ? transitions : transitions + 1).build();
        Lease updated = new LeaseBuilder(current).withSpec(next).build();
        return client.update(updated).map(this::wrote);
    }

    private Uni<Void> release() {
        return client.get(Lease.class, config.leaseNamespace(), config.leaseName()).flatMap(current -> {
            LeaseSpec old = current.getSpec();
            if (old == null || !config.identity().equals(old.getHolderIdentity())) {
                return Uni.createFrom().voidItem();
            }
            ZonedDateTime at = nowUtc();
            LeaseSpec cleared = new LeaseSpecBuilder().withLeaseDurationSeconds(1).withAcquireTime(at).withRenewTime(at)
                    .withLeaseTransitions(old.getLeaseTransitions()).build();
            return client.update(new LeaseBuilder(current).withSpec(cleared).build()).replaceWithVoid();
        });
    }

    private boolean wrote(Lease written) {
        synchronized (this) {
            observe(written.getSpec(), clock.now());
        }
        return true;
    }

    private void observe(LeaseSpec spec, Instant at) {
        observed = spec;
        observedAt = at;
        String holder = spec.getHolderIdentity() == null ? "" : spec.getHolderIdentity();
        if (!holder.equals(reportedLeader)) {
            reportedLeader = holder;
            try {
                callbacks.onNewLeader(holder);
            } catch (RuntimeException e) {
                LOG.errorf(e, "onNewLeader callback failed");
            }
        }
    }

    private int leaseSeconds() {
        return (int) config.leaseDuration().toSeconds();
    }

    private ZonedDateTime nowUtc() {
        return ZonedDateTime.ofInstant(clock.now(), ZoneOffset.UTC);
    }
}
