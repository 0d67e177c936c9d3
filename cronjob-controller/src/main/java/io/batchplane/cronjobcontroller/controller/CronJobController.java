package io.batchplane.cronjobcontroller.controller;

import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.cronjobcontroller.sync.ChildJobs;
import io.batchplane.cronjobcontroller.sync.CronJobSync;
import io.batchplane.cronjobcontroller.sync.CronJobSyncPlan;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The CronJob controller loop. CronJob and Job events put CronJob keys on the queue (a Job by way of
 * its controller owner reference); a worker reads the CronJob and its Jobs from the caches, lets
 * {@link CronJobSync} decide, carries the plan out with {@link PlanExecutor}, and parks the key
 * until the next activation. Before deciding it asks the API server about active Jobs the cache
 * does not show (a slow watch must not make a running Job look missing), and when the plan reports
 * a Job it did not expect it re-reads the CronJob (the cached status may predate the Job).
 * The Job cache must carry the {@link Indexers#NAMESPACE} index.
 */
public final class CronJobController {

    private static final Logger LOG = Logger.getLogger(CronJobController.class);

    private final Indexer<CronJob> cronJobs;
    private final Indexer<Job> jobs;
    private final CronJobApi api;
    private final RateLimitingQueue<String> queue;
    private final Clock clock;
    private final ZoneId localZone;
    private final PlanExecutor executor;

    public CronJobController(Indexer<CronJob> cronJobs, Indexer<Job> jobs, CronJobApi api, RateLimitingQueue<String> queue,
            Clock clock, ZoneId localZone) {
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.api = api;
        this.queue = queue;
        this.clock = clock;
        this.localZone = localZone;
        this.executor = new PlanExecutor(api);
    }

    /** Handler for the CronJob informer. */
    public ResourceEventHandler<CronJob> cronJobHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(CronJob cj) {
                queue.add(Indexer.key(cj));
            }

            @Override
            public void onUpdate(CronJob old, CronJob cj) {
                boolean scheduleChanged = !Objects.equals(old.getSpec().getSchedule(), cj.getSpec().getSchedule())
                        || !Objects.equals(old.getSpec().getTimeZone(), cj.getSpec().getTimeZone());
                if (scheduleChanged) {
                    CronJobSync.requeueAfterScheduleChange(cj, clock.now(), localZone)
                            .ifPresent(d -> queue.addAfter(Indexer.key(cj), d));
                    return;
                }
                queue.add(Indexer.key(cj));
            }
        };
    }

    /** Handler for the Job informer: wakes the controlling CronJob. */
    public ResourceEventHandler<Job> jobHandler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                enqueueController(job.getMetadata().getNamespace(), ChildJobs.controllerOf(job));
            }

            @Override
            public void onUpdate(Job old, Job job) {
                if (Objects.equals(old.getMetadata().getResourceVersion(), job.getMetadata().getResourceVersion())) {
                    return;
                }
                Optional<OwnerReference> oldRef = ChildJobs.controllerOf(old);
                Optional<OwnerReference> newRef = ChildJobs.controllerOf(job);
                if (!oldRef.equals(newRef)) {
                    enqueueController(old.getMetadata().getNamespace(), oldRef);
                }
                enqueueController(job.getMetadata().getNamespace(), newRef);
            }

            @Override
            public void onDelete(Job job, boolean finalStateUnknown) {
                enqueueController(job.getMetadata().getNamespace(), ChildJobs.controllerOf(job));
            }
        };
    }

    private void enqueueController(String namespace, Optional<OwnerReference> ref) {
        if (ref.isEmpty() || !"CronJob".equals(ref.get().getKind())) {
            return;
        }
        cronJobs.get(namespace, ref.get().getName())
                .filter(cj -> Objects.equals(cj.getMetadata().getUid(), ref.get().getUid()))
                .ifPresent(cj -> queue.add(Indexer.key(cj)));
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

    /** Syncs one CronJob key and requeues it: at its next activation, or with backoff after an error. */
    public void process(String key) {
        try {
            Optional<Duration> next = sync(key);
            queue.forget(key);
            next.ifPresent(d -> queue.addAfter(key, d));
        } catch (RuntimeException e) {
            LOG.warnf("error syncing CronJob %s, will retry: %s", key, e.getMessage());
            queue.addRateLimited(key);
        }
    }

    private Optional<Duration> sync(String key) {
        Optional<CronJob> cached = cronJobs.getByKey(key);
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        CronJob cronJob = cached.get();
        Instant now = clock.now();
        CronJobSyncPlan plan = CronJobSync.decide(cronJob, children(cronJob), now, localZone);
        if (plan.sawUnexpectedJob()) {
            Optional<CronJob> fresh = api.getCronJob(cronJob.getMetadata().getNamespace(), cronJob.getMetadata().getName());
            if (fresh.isEmpty()) {
                return Optional.empty();
            }
            if (!Objects.equals(fresh.get().getMetadata().getResourceVersion(), cronJob.getMetadata().getResourceVersion())) {
                cronJob = fresh.get();
                plan = CronJobSync.decide(cronJob, children(cronJob), now, localZone);
            }
        }
        executor.execute(cronJob, plan, now);
        return plan.requeueAfter();
    }

    /** The CronJob's Jobs from the cache, plus active ones the cache lacks but the API server still has. */
    private List<Job> children(CronJob cronJob) {
        String namespace = cronJob.getMetadata().getNamespace();
        List<Job> children = new ArrayList<>(ChildJobs.select(cronJob, jobs.byIndex(Indexers.NAMESPACE, namespace)));
        Set<String> uids = new HashSet<>();
        children.forEach(j -> uids.add(j.getMetadata().getUid()));
        List<ObjectReference> active = cronJob.getStatus() == null || cronJob.getStatus().getActive() == null
                ? List.of() : cronJob.getStatus().getActive();
        for (ObjectReference ref : active) {
            if (!uids.contains(ref.getUid())) {
                api.getJob(namespace, ref.getName()).ifPresent(children::add);
            }
        }
        return children;
    }
}
