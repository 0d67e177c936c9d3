package io.batchplane.scheduler;

import io.batchplane.client.ListOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.informer.WatchBackoff;
import io.batchplane.client.leaderelection.LeaderElectedRunner;
import io.batchplane.client.workqueue.ItemExponentialBackoff;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.scheduler.cache.SchedulerCache;
import io.batchplane.scheduler.events.ClientEventRecorder;
import io.batchplane.scheduler.events.EventRecorder;
import io.batchplane.scheduler.lifecycle.ClientLifecycleActions;
import io.batchplane.scheduler.lifecycle.NodeLifecycleConfig;
import io.batchplane.scheduler.lifecycle.NodeLifecycleController;
import io.batchplane.scheduler.podgc.ClientPodGcActions;
import io.batchplane.scheduler.podgc.PodGcConfig;
import io.batchplane.scheduler.podgc.PodGcController;
import io.batchplane.scheduler.shell.ClientSchedulerActions;
import io.batchplane.scheduler.shell.PodSchedulingController;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs the scheduler process: a {@link LeaderElectedRunner} campaigns for the
 * {@code kube-system/kube-scheduler} Lease and, while leading, this runs the scheduling loop, the node
 * lifecycle controller and the pod garbage collector over
 * shared informers (all pods, all nodes, Leases in {@code kube-node-lease}). Losing the Lease stops the
 * work and exits the process, as upstream components do, so that a restarted process starts from fresh
 * caches.
 *
 * <p>One informer serves all pods: pending ones are split off in code rather than with a
 * {@code spec.nodeName=} field selector, because a pod leaves that selection when it is bound and the
 * watch does not report that as a deletion.
 */
@ApplicationScoped
public class SchedulerService implements LeaderElectedRunner.Work {

    private static final Logger LOG = Logger.getLogger(SchedulerService.class);
    static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    @Inject
    ResourceClient client;
    @Inject
    Clock clock;
    @Inject
    SchedulerConfig config;
    @Inject
    NodeLifecycleConfig lifecycleConfig;
    @Inject
    PodGcConfig podGcConfig;

    private LeaderElectedRunner runner;
    private Leading work;

    /** Everything that runs while leading; built fresh each time. */
    private final class Leading {
        final SharedInformer<Pod> pods = new SharedInformer<>(client, Pod.class, ListOptions.all(), Duration.ZERO, clock,
                WatchBackoff.DEFAULT);
        final SharedInformer<Node> nodes = new SharedInformer<>(client, Node.class, ListOptions.all(), Duration.ZERO, clock,
                WatchBackoff.DEFAULT);
        final SharedInformer<Lease> leases = new SharedInformer<>(client, Lease.class,
                ListOptions.inNamespace(NODE_LEASE_NAMESPACE), Duration.ZERO, clock, WatchBackoff.DEFAULT);
        final PodSchedulingController scheduling;
        final NodeLifecycleController lifecycle;
        final PodGcController podGc;
        volatile boolean stopped;

        Leading() {
            pods.indexer().addIndex(Indexers.POD_NODE_NAME, Indexers.podsByNodeName());
            // Upstream's pod backoff: 1 s doubling to 10 s.
            RateLimitingQueue<String> queue = new RateLimitingQueue<>(clock,
                    new ItemExponentialBackoff<>(Duration.ofSeconds(1), Duration.ofSeconds(10)));
            EventRecorder schedulerEvents = new ClientEventRecorder(client, clock, config.schedulerName());
            scheduling = new PodSchedulingController(pods.indexer(), new SchedulerCache(), queue,
                    new ClientSchedulerActions(client), schedulerEvents, clock, config.schedulerName(), config.unschedulableRetry());
            pods.addEventHandler(scheduling.podHandler());
            nodes.addEventHandler(scheduling.nodeHandler());
            lifecycle = new NodeLifecycleController(nodes.indexer(), pods.indexer(), new ClientLifecycleActions(client),
                    new ClientEventRecorder(client, clock, "node-controller"), clock, lifecycleConfig.gracePeriod(),
                    lifecycleConfig.monitorPeriod());
            nodes.addEventHandler(lifecycle.nodeHandler());
            leases.addEventHandler(lifecycle.leaseHandler());
            podGc = new PodGcController(nodes.indexer(), pods.indexer(), new ClientPodGcActions(client), clock, podGcConfig);
        }

        void start() {
            pods.start();
            nodes.start();
            if (lifecycleConfig.enabled()) {
                leases.start();
            }
            Thread starter = new Thread(() -> {
                try {
                    while (!stopped && !(pods.awaitSynced(Duration.ofSeconds(1)) && nodes.awaitSynced(Duration.ofSeconds(1)))) {
                        LOG.debug("waiting for the pod and node caches to sync");
                    }
                    if (stopped) {
                        return;
                    }
                    scheduling.start(config.workers());
                    if (lifecycleConfig.enabled()) {
                        lifecycle.start();
                    }
                    if (podGcConfig.enabled()) {
                        podGc.start();
                    }
                    LOG.infof("scheduling with %d workers; node lifecycle %s; pod GC %s", config.workers(),
                            lifecycleConfig.enabled() ? "on (grace " + lifecycleConfig.gracePeriod() + ")" : "off",
                            podGcConfig.enabled() ? "on (every " + podGcConfig.gcPeriod() + ")" : "off");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "scheduler-start");
            starter.setDaemon(true);
            starter.start();
        }

        void stop() {
            stopped = true;
            scheduling.stop();
            lifecycle.stop();
            podGc.stop();
            pods.stop();
            nodes.stop();
            leases.stop();
        }
    }

    void onStart(@Observes StartupEvent ev) {
        runner = new LeaderElectedRunner("scheduler", client, clock, config.leaderElection(), this);
        runner.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (runner != null) {
            runner.stop();
        }
    }

    @Override
    public synchronized void start() {
        if (work == null) {
            work = new Leading();
            work.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (work != null) {
            work.stop();
            work = null;
        }
    }
}
