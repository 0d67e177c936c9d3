package io.batchplane.kubelet.runtime;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs the pods bound to this node with a {@link PodRuntime} (simulated or real processes): an informer over
 * {@code spec.nodeName=<this node>} queues pod keys; a worker applies the runtime's step — writes the
 * status (compare-and-swap), deletes with grace 0 once a deleted pod has reported a terminal status,
 * and parks the key until the step's wake-up time.
 *
 * <p>Right after a status write the informer may still hold the previous version; the worker
 * therefore remembers what it wrote and uses whichever version is newer, so a pod that finishes at
 * once does not trip over its own write.
 */
public final class PodWorker {

    private static final Logger LOG = Logger.getLogger(PodWorker.class);

    private final Indexer<Pod> pods;
    private final RateLimitingQueue<String> queue;
    private final PodApi api;
    private final Clock clock;
    private final PodRuntime runtime;
    private final Map<String, Pod> written = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();

    public PodWorker(Indexer<Pod> pods, RateLimitingQueue<String> queue, PodApi api, Clock clock) {
        this(pods, queue, api, clock, PodRuntime.SIMULATED);
    }

    public PodWorker(Indexer<Pod> pods, RateLimitingQueue<String> queue, PodApi api, Clock clock, PodRuntime runtime) {
        this.runtime = runtime;
        this.pods = pods;
        this.queue = queue;
        this.api = api;
        this.clock = clock;
    }

    public ResourceEventHandler<Pod> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                queue.add(Indexer.key(pod));
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                queue.add(Indexer.key(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                written.remove(Indexer.key(pod));
                runtime.podGone(pod);
            }
        };
    }

    public synchronized void start(int n) {
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(this::work, "pod-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

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

    /** Handles one queued key on the calling thread; false when none was queued. */
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
            sync(key);
            queue.forget(key);
        } catch (ApiException e) {
            if (e.reason() == StatusReason.NOT_FOUND) {
                written.remove(key);
                queue.forget(key);
            } else {
                LOG.debugf("pod %s: %s; retrying", key, e.getMessage());
                queue.addRateLimited(key);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "pod %s failed", key);
            queue.addRateLimited(key);
        } finally {
            queue.done(key);
        }
    }

    private void sync(String key) {
        Pod cached = pods.getByKey(key).orElse(null);
        if (cached == null) {
            written.remove(key);
            return;
        }
        Pod pod = newer(cached, written.get(key));
        RuntimeStep step = runtime.step(pod, clock.now());
        if (step.status().isPresent()) {
            // a shallow copy: only the status is new, and nothing here changes the cached parts
            Pod stored = api.updateStatus(new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(),
                    step.status().get()));
            written.put(key, stored);
            LOG.debugf("pod %s: %s", key, step.status().get().getPhase());
            pod = stored;
        }
        if (step.delete()) {
            api.deleteNow(pod);
            written.remove(key);
            return;
        }
        step.wakeAt().ifPresent(at -> queue.addAfter(key, Duration.between(clock.now(), at)));
    }

    private static Pod newer(Pod cached, Pod mine) {
        if (mine == null || !sameUid(cached, mine)) {
            return cached;
        }
        return revision(mine) > revision(cached) ? mine : cached;
    }

    private static boolean sameUid(Pod a, Pod b) {
        return a.getMetadata().getUid() != null && a.getMetadata().getUid().equals(b.getMetadata().getUid());
    }

    private static long revision(Pod p) {
        try {
            return Long.parseLong(p.getMetadata().getResourceVersion());
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
