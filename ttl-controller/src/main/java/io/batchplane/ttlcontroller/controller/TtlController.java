package io.batchplane.ttlcontroller.controller;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.ttlcontroller.sync.TtlDecision;
import io.batchplane.ttlcontroller.sync.TtlPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The TTL-after-finished loop. Job events put the keys of finished Jobs with a TTL on the queue; a
 * worker applies {@link TtlPolicy} to the cached Job and either parks the key until the TTL expires
 * ({@link RateLimitingQueue#addAfter}, no polling) or, once expired, re-reads the Job from the API
 * server, applies the policy again to that fresh copy (a TTL edited after the Job finished wins)
 * and deletes it with a uid precondition. Errors requeue the key with backoff.
 */
public final class TtlController implements ResourceEventHandler<Job> {

    private static final Logger LOG = Logger.getLogger(TtlController.class);

    private final Indexer<Job> jobs;
    private final JobApi api;
    private final RateLimitingQueue<String> queue;
    private final Clock clock;

    public TtlController(Indexer<Job> jobs, JobApi api, RateLimitingQueue<String> queue, Clock clock) {
        this.jobs = jobs;
        this.api = api;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void onAdd(Job job) {
        enqueueIfDue(job);
    }

    @Override
    public void onUpdate(Job old, Job job) {
        enqueueIfDue(job);
    }

    private void enqueueIfDue(Job job) {
        if (job.getMetadata().getDeletionTimestamp() == null && TtlPolicy.needsCleanup(job)) {
            queue.add(Indexer.key(job));
        }
    }

    /** Takes keys until the queue shuts down; run on each worker thread. */
    public void runWorker() {
        try {
            for (String key = queue.get(); key != null; key = queue.get()) {
                try {
                    process(key);
                } finally {
                    queue.done(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Handles one key: schedule, delete, or forget it. */
    public void process(String key) {
        try {
            if (sync(key)) {
                queue.forget(key);
            }
        } catch (RuntimeException e) {
            LOG.warnf("error cleaning up Job %s, will retry: %s", key, e.getMessage());
            queue.addRateLimited(key);
        }
    }

    /** True when the key is settled (no backoff retry wanted). */
    private boolean sync(String key) {
        Optional<Job> cached = jobs.getByKey(key);
        if (cached.isEmpty()) {
            return true;
        }
        if (!(schedule(key, cached.get()) instanceof TtlDecision.Delete)) {
            return true;
        }
        Job cachedJob = cached.get();
        Optional<Job> fresh = api.get(cachedJob.getMetadata().getNamespace(), cachedJob.getMetadata().getName());
        if (fresh.isEmpty() || !(schedule(key, fresh.get()) instanceof TtlDecision.Delete)) {
            return true;
        }
        try {
            api.delete(fresh.get());
            LOG.debugf("deleted Job %s: ttlSecondsAfterFinished expired", key);
        } catch (ApiException e) {
            if (e.reason() != StatusReason.NOT_FOUND && e.reason() != StatusReason.CONFLICT) {
                throw e;
            }
        }
        return true;
    }

    /** Applies the policy; parks the key or fails over to backoff as it says, and returns it. */
    private TtlDecision schedule(String key, Job job) {
        TtlDecision decision = TtlPolicy.decide(job, clock.now());
        if (decision instanceof TtlDecision.CheckAgain again) {
            queue.addAfter(key, again.after());
        } else if (decision instanceof TtlDecision.Invalid invalid) {
            throw new IllegalStateException(invalid.error());
        }
        return decision;
    }
}
