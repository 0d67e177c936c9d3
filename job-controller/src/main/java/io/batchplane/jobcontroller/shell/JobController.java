package io.batchplane.jobcontroller.shell;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.expectations.ControllerExpectations;
import io.batchplane.client.expectations.UidTrackingExpectations;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.jobcontroller.sync.BackoffRecord;
import io.batchplane.jobcontroller.sync.JobConditions;
import io.batchplane.jobcontroller.sync.JobControllerConfig;
import io.batchplane.jobcontroller.sync.JobFacts;
import io.batchplane.jobcontroller.sync.JobSync;
import io.batchplane.jobcontroller.sync.PodFacts;
import io.batchplane.jobcontroller.sync.SyncPlan;
import io.batchplane.jobcontroller.sync.SyncState;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * The Job controller's loop: informer events become keys on a rate-limited queue ({@code ns/name} of a Job, or
 * {@code orphan:ns/name} of a pod whose Job is gone); a worker takes a key, reads the caches, claims the Job's pods,
 * asks {@link JobSync#decide} and has {@link PlanExecutor} carry out the plan. Failures requeue the key with
 * backoff; a plan's requeue delay (backoff, active deadline) parks it on the clock. Each sync of an unfinished Job,
 * and what its plan achieved, is recorded in {@link JobMetrics}.
 */
public final class JobController {
    static final String ORPHAN = "orphan:";
    private static final Logger LOG = Logger.getLogger(JobController.class);

    private final JobApi api;
    private final Indexer<Job> jobs;
    private final Indexer<Pod> pods;
    private final Clock clock;
    private final JobControllerConfig cfg;
    private final RateLimitingQueue<String> queue;
    private final ControllerExpectations podExpectations;
    private final UidTrackingExpectations finalizerExpectations;
    private final Map<String, BackoffRecord> backoffs = new ConcurrentHashMap<>();
    private final PlanExecutor executor;
    private final JobMetrics metrics;
    private final List<Thread> workers = new ArrayList<>();

    /** {@code pods} must carry the {@link Indexers#NAMESPACE} index. */
    public JobController(JobApi api, Indexer<Job> jobs, Indexer<Pod> pods, Clock clock, JobControllerConfig cfg,
                         ExecutorService podWrites, JobMetrics metrics) {
        this.api = api;
        this.jobs = jobs;
        this.pods = pods;
        this.clock = clock;
        this.cfg = cfg;
        this.queue = new RateLimitingQueue<>(clock);
        this.podExpectations = new ControllerExpectations(clock);
        this.finalizerExpectations = new UidTrackingExpectations(clock);
        this.metrics = metrics;
        this.executor = new PlanExecutor(api, pods, podExpectations, finalizerExpectations, podWrites, new JobEvents(api, clock), metrics);
    }

    public RateLimitingQueue<String> queue() {
        return queue;
    }

    public ResourceEventHandler<Job> jobHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                queue.add(Indexer.key(job));
            }

            @Override
            public void onUpdate(Job old, Job job) {
                queue.add(Indexer.key(job));
            }

            @Override
            public void onDelete(Job job, boolean finalStateUnknown) {
                queue.add(Indexer.key(job));
            }
        };
    }

    public ResourceEventHandler<Pod> podHandler() {
        return new PodEventHandler(this, metrics);
    }

    /** The key of the Job controlling {@code pod}, if a Job controls it. */
    static Optional<String> jobKeyOf(Pod pod) {
        return PodClaims.controllerOf(pod).filter(r -> "Job".equals(r.getKind()))
                .map(r -> Indexer.key(pod.getMetadata().getNamespace(), r.getName()));
    }

    void podCreated(Pod pod) {
        jobKeyOf(pod).ifPresentOrElse(key -> {
            podExpectations.creationObserved(key);
            enqueueOrOrphan(pod, key);
        }, () -> enqueueSelecting(pod));
    }

    void podChanged(Pod old, Pod pod) {
        Optional<String> key = jobKeyOf(pod);
        if (key.isPresent()) {
            if (!PodFacts.isBeingDeleted(old) && PodFacts.isBeingDeleted(pod)) {
                podExpectations.deletionObserved(key.get());
            }
            if (PodFacts.hasTrackingFinalizer(old) && !PodFacts.hasTrackingFinalizer(pod)) {
                finalizerExpectations.deletionObserved(key.get(), PodFacts.uid(pod));
            }
            enqueueOrOrphan(pod, key.get());
        } else {
            enqueueSelecting(pod);
        }
        jobKeyOf(old).filter(k -> !key.equals(Optional.of(k))).ifPresent(queue::add);
    }

    void podDeleted(Pod pod) {
        jobKeyOf(pod).ifPresent(key -> {
            if (!PodFacts.isBeingDeleted(pod)) {
                podExpectations.deletionObserved(key);
            }
            finalizerExpectations.deletionObserved(key, PodFacts.uid(pod));
            queue.add(key);
        });
    }

    private void enqueueOrOrphan(Pod pod, String key) {
        Optional<Job> job = jobs.getByKey(key);
        boolean ownerGone = job.isEmpty() || !job.get().getMetadata().getUid().equals(PodClaims.controllerOf(pod).get().getUid());
        if (ownerGone && PodFacts.hasTrackingFinalizer(pod)) {
            queue.add(ORPHAN + Indexer.key(pod));
        } else {
            queue.add(key);
        }
    }

    /** An orphan may be adopted by any Job of its namespace whose selector matches it. */
    private void enqueueSelecting(Pod pod) {
        for (Job job : jobs.list()) {
            if (job.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
                    && job.getSpec() != null && LabelSelectors.matches(job.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                queue.add(Indexer.key(job));
            }
        }
    }

    /** Starts {@code count} worker threads taking keys until {@link #stop()}. */
    public synchronized void start(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::work, "job-controller-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    public synchronized void stop() {
        queue.shutdown();
        workers.forEach(Thread::interrupt);
        workers.clear();
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.get();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            processOne(key);
        }
    }

    /** Syncs one key taken from the queue and settles it there (forget / rate-limited retry / done). */
    public void processOne(String key) {
        try {
            sync(key);
            queue.forget(key);
        } catch (RuntimeException e) {
            LOG.debugf("sync of %s failed, retrying: %s", key, e.getMessage());
            queue.addRateLimited(key);
        } finally {
            queue.done(key);
        }
    }

    void sync(String key) {
        if (key.startsWith(ORPHAN)) {
            releaseOrphan(key.substring(ORPHAN.length()));
            return;
        }
        Optional<Job> cached = jobs.getByKey(key);
        if (cached.isEmpty()) {
            podExpectations.delete(key);
            finalizerExpectations.delete(key);
            backoffs.remove(key);
            return;
        }
        Job job = cached.get();
        if (JobFacts.isManagedElsewhere(job)) {
            return;
        }
        boolean measured = !JobConditions.isFinished(job) && JobFacts.hasKnownCompletionMode(job);
        long start = System.nanoTime();
        String action = JobMetrics.RECONCILING;
        boolean done = false;
        try {
            boolean satisfied = podExpectations.satisfied(key);
            List<Pod> owned = claim(job);
            SyncState state = new SyncState(satisfied, finalizerExpectations.pendingDeletions(key),
                    backoffs.getOrDefault(key, BackoffRecord.NONE));
            SyncPlan plan = JobSync.decide(job, owned, clock.now(), cfg, state);
            action = JobMetrics.action(plan);
            executor.execute(key, job, plan);
            metrics.planCarriedOut(job, owned, plan);
            done = true;
            if (JobConditions.isFinished(job) || plan.backoff().equals(BackoffRecord.NONE)) {
                backoffs.remove(key);
            } else {
                backoffs.put(key, plan.backoff());
            }
            plan.requeueAfter().ifPresent(d -> queue.addAfter(key, d));
        } finally {
            if (measured) {
                metrics.syncDone(job, action, !done, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /** The Job's pods after adoption and release; adopted pods are treated as carrying the tracking finalizer. */
    private List<Pod> claim(Job job) {
        PodClaims.Claim claim = PodClaims.claim(job, pods.byIndex(Indexers.NAMESPACE, job.getMetadata().getNamespace()));
        List<Pod> owned = new ArrayList<>(claim.owned());
        if (!claim.toAdopt().isEmpty()) {
            boolean canAdopt;
            try {
                Job fresh = api.getJob(job.getMetadata().getNamespace(), job.getMetadata().getName());
                canAdopt = fresh.getMetadata().getUid().equals(job.getMetadata().getUid()) && fresh.getMetadata().getDeletionTimestamp() == null;
            } catch (ApiException e) {
                canAdopt = false;
            }
            for (Pod pod : claim.toAdopt()) {
                owned.remove(pod);
                if (!canAdopt) {
                    continue;
                }
                try {
                    Pod adopted = api.patchPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PodPatches.adopt(pod, job));
                    owned.add(adopted == null ? PodPatches.withTrackingFinalizer(pod) : adopted);
                } catch (ApiException e) {
                    LOG.debugf("cannot adopt pod %s: %s", pod.getMetadata().getName(), e.getMessage());
                }
            }
        }
        for (Pod pod : claim.toRelease()) {
            PodPatches.release(pod, job).ifPresent(p -> {
                try {
                    api.patchPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), p);
                } catch (ApiException e) {
                    LOG.debugf("cannot release pod %s: %s", pod.getMetadata().getName(), e.getMessage());
                }
            });
        }
        return owned;
    }

    /** A pod whose Job is gone (or replaced by a namesake) must not keep the Job's tracking finalizer. */
    private void releaseOrphan(String podKey) {
        Optional<Pod> pod = pods.getByKey(podKey);
        if (pod.isEmpty() || !PodFacts.hasTrackingFinalizer(pod.get())) {
            return;
        }
        Optional<OwnerReference> ref = PodClaims.controllerOf(pod.get());
        if (ref.isPresent()) {
            Optional<Job> job = jobs.get(pod.get().getMetadata().getNamespace(), ref.get().getName());
            if (job.isPresent() && job.get().getMetadata().getUid().equals(ref.get().getUid())) {
                queue.add(Indexer.key(job.get()));
                return;
            }
        }
        PodPatches.removeTrackingFinalizer(pod.get()).ifPresent(p -> {
            try {
                api.patchPod(pod.get().getMetadata().getNamespace(), pod.get().getMetadata().getName(), p);
            } catch (ApiException e) {
                if (e.reason() != StatusReason.NOT_FOUND) {
                    throw e;
                }
            }
        });
    }
}
