package io.batchplane.jobcontroller.shell;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.expectations.ControllerExpectations;
import io.batchplane.client.expectations.UidTrackingExpectations;
import io.batchplane.client.informer.Indexer;
import io.batchplane.jobcontroller.sync.JobFacts;
import io.batchplane.jobcontroller.sync.SyncPlan;
import io.batchplane.jobcontroller.sync.SyncPlan.JobEvent;
import io.batchplane.jobcontroller.sync.SyncPlan.PodCreation;
import io.batchplane.jobcontroller.sync.SyncPlan.PodDeletion;
import io.batchplane.jobcontroller.sync.SyncPlan.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Carries out a {@link SyncPlan} in its documented order: pod deletions and creations (in parallel; creations in
 * slow-start batches 1, 2, 4, … that stop at the first failing batch), then the status write, then — only if that
 * succeeded — the plan's events and the finalizer removals. Expectations are raised before each kind of write and lowered for every
 * write that will never be observed (it failed). Any failure stops the plan and is thrown, so the key is retried
 * with backoff; a retry recomputes everything from the cache, so a partly carried-out plan does no harm.
 */
final class PlanExecutor {
    private static final Logger LOG = Logger.getLogger(PlanExecutor.class);

    private final JobApi api;
    private final Indexer<Pod> pods;
    private final ControllerExpectations podExpectations;
    private final UidTrackingExpectations finalizerExpectations;
    private final ExecutorService pool;
    private final JobEvents events;
    private final JobMetrics metrics;

    PlanExecutor(JobApi api, Indexer<Pod> pods, ControllerExpectations podExpectations,
                 UidTrackingExpectations finalizerExpectations, ExecutorService pool, JobEvents events, JobMetrics metrics) {
        this.api = api;
        this.pods = pods;
        this.podExpectations = podExpectations;
        this.finalizerExpectations = finalizerExpectations;
        this.pool = pool;
        this.events = events;
        this.metrics = metrics;
    }

    void execute(String key, Job job, SyncPlan plan) {
        deletePods(key, job, plan.deletions());
        createPods(key, job, plan.creations(), JobMetrics.creationReason(job, plan.status().orElse(JobFacts.status(job))));
        plan.status().ifPresent(status -> {
            api.updateJobStatus(new JobBuilder(job).withStatus(status).build());
            metrics.statusWritten(job, status);
        });
        for (JobEvent e : plan.events()) {
            events.record(job, e);
        }
        removeFinalizers(key, plan.finalizerRemovals());
    }

    private void deletePods(String key, Job job, List<PodDeletion> deletions) {
        if (deletions.isEmpty()) {
            return;
        }
        boolean expected = deletions.stream().anyMatch(PodDeletion::removeFinalizerFirst);
        if (expected) {
            podExpectations.expectDeletions(key, deletions.size());
        }
        List<Callable<Void>> calls = new ArrayList<>();
        for (PodDeletion d : deletions) {
            calls.add(() -> {
                try {
                    if (d.removeFinalizerFirst()) {
                        removeFinalizer(d.pod());
                    }
                    api.deletePod(d.pod().namespace(), d.pod().name(), d.pod().uid());
                    events.record(job, JobEvent.normal("SuccessfulDelete", "Deleted pod: " + d.pod().name()));
                } catch (ApiException e) {
                    if (expected) {
                        podExpectations.deletionObserved(key);
                    }
                    if (e.reason() != StatusReason.NOT_FOUND) {
                        events.record(job, JobEvent.warning("FailedDelete", "Error deleting: " + e.getMessage()));
                        throw e;
                    }
                }
                return null;
            });
        }
        runAll(calls);
    }

    private void createPods(String key, Job job, List<PodCreation> creations, String reason) {
        if (creations.isEmpty()) {
            return;
        }
        podExpectations.expectCreations(key, creations.size());
        int next = 0;
        int batch = 1;
        while (next < creations.size()) {
            List<PodCreation> slice = creations.subList(next, Math.min(creations.size(), next + batch));
            next += slice.size();
            List<Callable<Void>> calls = new ArrayList<>();
            for (PodCreation c : slice) {
                calls.add(() -> {
                    try {
                        Pod created = api.createPod(c.pod());
                        metrics.podCreation(reason, true);
                        events.record(job, JobEvent.normal("SuccessfulCreate", "Created pod: " + created.getMetadata().getName()));
                    } catch (ApiException e) {
                        podExpectations.creationObserved(key);
                        metrics.podCreation(reason, false);
                        events.record(job, JobEvent.warning("FailedCreate", "Error creating: " + e.getMessage()));
                        throw e;
                    }
                    return null;
                });
            }
            try {
                runAll(calls);
            } catch (RuntimeException e) {
                podExpectations.lower(key, creations.size() - next, 0);
                throw e;
            }
            batch *= 2;
        }
    }

    private void removeFinalizers(String key, List<PodRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        Set<String> expected = new HashSet<>(finalizerExpectations.pendingDeletions(key));
        refs.forEach(r -> expected.add(r.uid()));
        finalizerExpectations.expectDeletions(key, expected);
        List<Callable<Void>> calls = new ArrayList<>();
        for (PodRef ref : refs) {
            calls.add(() -> {
                try {
                    removeFinalizer(ref);
                } catch (ApiException e) {
                    finalizerExpectations.deletionObserved(key, ref.uid());
                    if (e.reason() != StatusReason.NOT_FOUND) {
                        throw e;
                    }
                }
                return null;
            });
        }
        runAll(calls);
    }

    private void removeFinalizer(PodRef ref) {
        Pod cached = pods.get(ref.namespace(), ref.name()).orElse(null);
        if (cached == null || !ref.uid().equals(cached.getMetadata().getUid())) {
            return;
        }
        PodPatches.removeTrackingFinalizer(cached).ifPresent(p -> api.patchPod(ref.namespace(), ref.name(), p));
    }

    /** Runs the calls in parallel and rethrows the first failure after all have ended. */
    private void runAll(List<Callable<Void>> calls) {
        RuntimeException first = null;
        try {
            for (Future<Void> f : pool.invokeAll(calls)) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (first != null) {
            LOG.debugf("pod write failed: %s", first.getMessage());
            throw first;
        }
    }
}
