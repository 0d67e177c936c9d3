package io.batchplane.scheduler.shell;

import io.batchplane.api.ApiException;
import io.batchplane.api.Conditions;
import io.batchplane.api.StatusReason;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.scheduler.cache.SchedulerCache;
import io.batchplane.scheduler.decision.PodConditions;
import io.batchplane.scheduler.decision.SchedulingResult;
import io.batchplane.scheduler.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The scheduling loop: pending pods (no {@code spec.nodeName}, not being deleted, for this scheduler)
 * are queued by key; a worker decides with {@link SchedulerCache#scheduleAndAssume} and binds.
 * <ul>
 * <li>Bound: the pod stays assumed on its node until the informer shows the binding.</li>
 * <li>Binding refused with Conflict (already bound, being deleted) or NotFound: the assumption is
 * dropped and the pod forgotten; the informer brings the real state.</li>
 * <li>Other failures: the assumption is dropped and the pod retried with per-pod backoff.</li>
 * <li>Nothing fits: {@code PodScheduled=False}, reason {@code Unschedulable} with the fit-error text;
 * the pod waits until a node appears or changes or a pod leaves a node, and at the latest
 * {@code unschedulableRetry} later (upstream flushes such pods every 5 minutes).</li>
 * </ul>
 * Events: {@code Scheduled} on binding, {@code FailedScheduling} whenever the Unschedulable message
 * changes (not on every retry). Informers feed it through {@link #podHandler()} and {@link #nodeHandler()}; pods are read from the
 * pod informer's indexer.
 */
public final class PodSchedulingController {

    private static final Logger LOG = Logger.getLogger(PodSchedulingController.class);

    private final Indexer<Pod> pods;
    private final SchedulerCache cache;
    private final RateLimitingQueue<String> queue;
    private final SchedulerActions actions;
    private final EventRecorder events;
    private final Clock clock;
    private final String schedulerName;
    private final Duration unschedulableRetry;
    private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();

    public PodSchedulingController(Indexer<Pod> pods, SchedulerCache cache, RateLimitingQueue<String> queue,
            SchedulerActions actions, EventRecorder events, Clock clock, String schedulerName, Duration unschedulableRetry) {
        this.pods = pods;
        this.cache = cache;
        this.queue = queue;
        this.actions = actions;
        this.events = events;
        this.clock = clock;
        this.schedulerName = schedulerName;
        this.unschedulableRetry = unschedulableRetry;
    }

    public ResourceEventHandler<Pod> podHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                podChanged(null, pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                podChanged(old, pod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                cache.removePod(pod);
                unschedulable.remove(key(pod));
                if (isBound(pod)) {
                    retryUnschedulable();
                }
            }
        };
    }

    public ResourceEventHandler<Node> nodeHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.updateNode(node);
                retryUnschedulable();
            }

            @Override
            public void onUpdate(Node old, Node node) {
                cache.updateNode(node);
                if (!Objects.equals(old.getSpec(), node.getSpec()) || !Objects.equals(old.getMetadata().getLabels(),
                        node.getMetadata().getLabels()) || readinessOrCapacityChanged(old, node)) {
                    retryUnschedulable();
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                cache.removeNode(node.getMetadata().getName());
            }
        };
    }

    private void podChanged(Pod old, Pod pod) {
        if (isBound(pod)) {
            boolean freed = SchedulerCache.isTerminal(pod) && (old == null || !SchedulerCache.isTerminal(old));
            cache.updatePod(pod);
            if (freed) {
                retryUnschedulable();
            }
            return;
        }
        if (!wantsScheduling(pod)) {
            return;
        }
        String key = key(pod);
        // Our own status write comes back as an update: a waiting pod is retried only when its spec or
        // labels changed, or when the cluster changes.
        if (old != null && unschedulable.contains(key) && Objects.equals(old.getSpec(), pod.getSpec())
                && Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())) {
            return;
        }
        queue.add(key);
    }

    /** Puts every pod that found no node back in the queue: the cluster changed. */
    void retryUnschedulable() {
        for (String key : unschedulable) {
            if (unschedulable.remove(key)) {
                queue.add(key);
            }
        }
    }

    /** Starts {@code n} worker threads. */
    public synchronized void start(int n) {
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(this::work, "scheduler-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Stops accepting work; workers finish the pod in hand and exit. */
    public void stop() {
        queue.shutdown();
    }

    private void work() {
        try {
            String key;
            while ((key = queue.get()) != null) {
                process(key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes one queued key, if any, and schedules it on the calling thread; false when none was queued. */
    public boolean processNext() {
        String key = queue.tryGet();
        if (key == null) {
            return false;
        }
        process(key);
        return true;
    }

    private void process(String key) {
        try {
            scheduleOne(key);
        } catch (RuntimeException e) {
            LOG.errorf(e, "scheduling %s failed", key);
            queue.addRateLimited(key);
        } finally {
            queue.done(key);
        }
    }

    void scheduleOne(String key) {
        Pod pod = pods.getByKey(key).orElse(null);
        if (pod == null || isBound(pod) || !wantsScheduling(pod) || cache.isAssumed(pod)) {
            queue.forget(key);
            return;
        }
        SchedulingResult result = cache.scheduleAndAssume(pod);
        if (result.selected().isEmpty()) {
            unschedulableFor(key, pod, result.message());
            return;
        }
        String node = result.selected().get();
        try {
            actions.bind(pod, node);
            unschedulable.remove(key);
            queue.forget(key);
            LOG.debugf("bound %s to %s", key, node);
            events.record(pod, EventRecorder.NORMAL, "Scheduled", "Successfully assigned " + key + " to " + node);
        } catch (ApiException e) {
            cache.forget(pod);
            if (e.reason() == StatusReason.CONFLICT || e.reason() == StatusReason.NOT_FOUND) {
                LOG.debugf("binding %s to %s refused: %s", key, node, e.getMessage());
                queue.forget(key);
            } else {
                LOG.warnf("binding %s to %s failed: %s", key, node, e.getMessage());
                queue.addRateLimited(key);
            }
        } catch (RuntimeException e) {
            cache.forget(pod);
            LOG.warnf("binding %s to %s failed: %s", key, node, e.getMessage());
            queue.addRateLimited(key);
        }
    }

    private void unschedulableFor(String key, Pod pod, String message) {
        unschedulable.add(key);
        queue.addAfter(key, unschedulableRetry);
        if (PodConditions.has(pod, Conditions.POD_SCHEDULED, "False", PodConditions.REASON_UNSCHEDULABLE, message)) {
            queue.forget(key);
            return;
        }
        try {
            actions.updateStatus(PodConditions.with(pod, Conditions.POD_SCHEDULED, "False",
                    PodConditions.REASON_UNSCHEDULABLE, message, clock.now()));
            queue.forget(key);
            events.record(pod, EventRecorder.WARNING, "FailedScheduling", message);
        } catch (RuntimeException e) {
            // Most likely a Conflict with a newer version whose arrival will not re-queue the pod (its
            // spec did not change): retry with backoff so the condition is not left unwritten.
            LOG.debugf("recording that %s is unschedulable failed: %s", key, e.getMessage());
            unschedulable.remove(key);
            queue.addRateLimited(key);
        }
    }

    private boolean wantsScheduling(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || SchedulerCache.isTerminal(pod)) {
            return false;
        }
        String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return name == null || name.isEmpty() || name.equals(schedulerName);
    }

    private static boolean readinessOrCapacityChanged(Node old, Node node) {
        if (old.getStatus() == null || node.getStatus() == null) {
            return old.getStatus() != node.getStatus();
        }
        return !Objects.equals(old.getStatus().getAllocatable(), node.getStatus().getAllocatable())
                || !Objects.equals(old.getStatus().getCapacity(), node.getStatus().getCapacity())
                || io.batchplane.scheduler.decision.NodeFilters.isReady(old)
                        != io.batchplane.scheduler.decision.NodeFilters.isReady(node);
    }

    static boolean isBound(Pod pod) {
        String n = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return n != null && !n.isEmpty();
    }

    static String key(Pod pod) {
        return Indexer.key(pod);
    }
}
