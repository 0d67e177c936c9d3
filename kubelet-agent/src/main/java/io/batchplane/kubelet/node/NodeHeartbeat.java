package io.batchplane.kubelet.node;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.clock.Clock;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Keeps this node alive in the API server, as upstream's kubelet does:
 * <ol>
 * <li>registers the Node ({@link NodeStatusRules#registration}); one that already exists is
 * adopted; failures are retried with backoff;</li>
 * <li>renews the Lease {@code kube-node-lease/<node>} every {@code renewInterval} (10 s), creating it
 * when missing; a failed renewal is retried after 200 ms, doubling up to 7 s, until one succeeds;</li>
 * <li>every {@code statusInterval} (10 s) reads the Node and writes its status when
 * {@link NodeStatusRules#statusUpdate} says so — which also turns it Ready again after the node
 * lifecycle controller marked it Unknown. A deleted Node is registered again.</li>
 * </ol>
 * Timers run on the {@link Clock}; the calls themselves on {@code executor}.
 */
public final class NodeHeartbeat {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class);
    static final Duration RETRY_BASE = Duration.ofMillis(200);
    static final Duration RETRY_MAX = Duration.ofSeconds(7);

    private final NodeApi api;
    private final NodeSpecification spec;
    private final Clock clock;
    private final Executor executor;
    private final Duration renewInterval;
    private final Duration statusInterval;
    private final Duration reportPeriod;

    // Each field is touched by one loop only; loops never run twice at once.
    private volatile String nodeUid;
    private Lease lease;
    private int leaseFailures;
    private int registerFailures;
    private Instant lastReport;
    private volatile boolean stopped;

    public NodeHeartbeat(NodeApi api, NodeSpecification spec, Clock clock, Executor executor, Duration renewInterval,
            Duration statusInterval, Duration reportPeriod) {
        this.api = api;
        this.spec = spec;
        this.clock = clock;
        this.executor = executor;
        this.renewInterval = renewInterval;
        this.statusInterval = statusInterval;
        this.reportPeriod = reportPeriod;
    }

    public void start() {
        executor.execute(this::register);
    }

    public void stop() {
        stopped = true;
    }

    /** The retry pause after {@code failures} consecutive failures: 200 ms doubling, at most 7 s. */
    static Duration retryDelay(int failures) {
        Duration d = RETRY_BASE;
        for (int i = 1; i < failures && d.compareTo(RETRY_MAX) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : d;
    }

    private void later(Duration d, Runnable task) {
        if (!stopped) {
            clock.schedule(d, () -> executor.execute(() -> {
                if (!stopped) {
                    task.run();
                }
            }));
        }
    }

    private void register() {
        try {
            Node node;
            try {
                node = api.createNode(NodeStatusRules.registration(spec, clock.now()));
                LOG.infof("registered node %s", spec.name());
            } catch (ApiException e) {
                if (e.reason() != StatusReason.ALREADY_EXISTS) {
                    throw e;
                }
                node = api.getNode(spec.name());
                LOG.infof("node %s already registered; adopting it", spec.name());
            }
            nodeUid = node.getMetadata().getUid();
            registerFailures = 0;
            boolean first = lease == null && lastReport == null;
            lastReport = null;
            if (first) {
                executor.execute(this::renewLease);
                executor.execute(this::reportStatus);
            }
        } catch (RuntimeException e) {
            registerFailures++;
            LOG.warnf("registering node %s failed: %s", spec.name(), e.getMessage());
            later(retryDelay(registerFailures), this::register);
        }
    }

    private void renewLease() {
        try {
            Instant now = clock.now();
            if (lease == null) {
                try {
                    lease = api.updateLease(NodeLeases.renew(api.getLease(NodeLeases.NAMESPACE, spec.name()), spec.name(), now));
                } catch (ApiException e) {
                    if (e.reason() != StatusReason.NOT_FOUND) {
                        throw e;
                    }
                    lease = api.createLease(NodeLeases.create(spec.name(), nodeUid, now));
                }
            } else {
                lease = api.updateLease(NodeLeases.renew(lease, spec.name(), now));
            }
            leaseFailures = 0;
            later(renewInterval, this::renewLease);
        } catch (RuntimeException e) {
            lease = null;
            leaseFailures++;
            Duration d = retryDelay(leaseFailures);
            LOG.debugf("renewing lease of %s failed (%s); retrying in %s", spec.name(), e.getMessage(), d);
            later(d, this::renewLease);
        }
    }

    private void reportStatus() {
        try {
            Node current = api.getNode(spec.name());
            Instant now = clock.now();
            NodeStatusRules.statusUpdate(current, spec, now, lastReport, reportPeriod).ifPresent(update -> {
                api.updateNodeStatus(update);
                lastReport = now;
            });
        } catch (ApiException e) {
            if (e.reason() == StatusReason.NOT_FOUND) {
                LOG.warnf("node %s is gone; registering again", spec.name());
                register();
            } else {
                LOG.debugf("reporting status of %s failed: %s", spec.name(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.debugf("reporting status of %s failed: %s", spec.name(), e.getMessage());
        }
        later(statusInterval, this::reportStatus);
    }
}
