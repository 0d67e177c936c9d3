package io.batchplane.cronjobcontroller.controller;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.cronjobcontroller.sync.ActiveJobs;
import io.batchplane.cronjobcontroller.sync.ChildJobs;
import io.batchplane.cronjobcontroller.sync.CronJobEvent;
import io.batchplane.cronjobcontroller.sync.CronJobSyncPlan;
import io.batchplane.cronjobcontroller.sync.JobCreation;
import io.batchplane.cronjobcontroller.sync.JobDeletion;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out a {@link CronJobSyncPlan} against the API server in the plan's order, recording the
 * outcome events and writing the status once at the end (when anything changed), so that what the
 * status says always matches what was actually done:
 * <ul>
 * <li>history deletions: a failure is reported (FailedDelete) and the rest go on; a Job already
 * gone counts as deleted;</li>
 * <li>Replace deletions: a failure stops the sync before the new Job is created;</li>
 * <li>creation: AlreadyExists means the activation was started before; if that Job is controlled by
 * this CronJob and missing from {@code active} it is recorded there, otherwise nothing is;</li>
 * <li>any failure is rethrown after the status write, so the key is retried with backoff.</li>
 * </ul>
 */
final class PlanExecutor {

    private final CronJobApi api;

    PlanExecutor(CronJobApi api) {
        this.api = api;
    }

    void execute(CronJob cronJob, CronJobSyncPlan plan, Instant now) {
        String namespace = cronJob.getMetadata().getNamespace();
        CronJobStatus status = plan.status();
        boolean write = plan.statusChanged();
        RuntimeException failure = null;

        for (JobDeletion d : plan.historyDeletions()) {
            delete(cronJob, namespace, d, now);
        }
        plan.events().forEach(e -> api.recordEvent(cronJob, e, now));
        for (JobDeletion d : plan.replaceDeletions()) {
            if (!delete(cronJob, namespace, d, now)) {
                failure = new IllegalStateException("could not replace job " + namespace + "/" + d.name());
                break;
            }
            status = ActiveJobs.without(status, d.uid());
            write = true;
        }
        if (failure == null && plan.creation().isPresent()) {
            JobCreation creation = plan.creation().get();
            try {
                Job created = api.createJob(creation.job());
                api.recordEvent(cronJob, CronJobEvent.successfulCreate(created.getMetadata().getName()), now);
                status = ActiveJobs.withStarted(status, created, creation.scheduledTime());
                write = true;
            } catch (ApiException e) {
                if (e.reason() == StatusReason.ALREADY_EXISTS) {
                    Optional<Job> existing = api.getJob(namespace, creation.job().getMetadata().getName());
                    if (existing.isPresent() && controlledBy(existing.get(), cronJob)
                            && !ActiveJobs.contains(status, existing.get().getMetadata().getUid())) {
                        status = ActiveJobs.withStarted(status, existing.get(), creation.scheduledTime());
                        write = true;
                    }
                } else {
                    api.recordEvent(cronJob, CronJobEvent.failedCreate(e.getMessage()), now);
                    failure = e;
                }
            }
        }
        if (write) {
            CronJob update = new CronJob();
            update.setApiVersion(cronJob.getApiVersion());
            update.setKind(cronJob.getKind());
            update.setMetadata(cronJob.getMetadata());
            update.setSpec(cronJob.getSpec());
            update.setStatus(status);
            api.updateStatus(update);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Deletes one Job; true when it is gone. */
    private boolean delete(CronJob cronJob, String namespace, JobDeletion d, Instant now) {
        try {
            api.deleteJob(namespace, d.name(), d.uid());
            api.recordEvent(cronJob, CronJobEvent.successfulDelete(d.name()), now);
            return true;
        } catch (ApiException e) {
            if (e.reason() == StatusReason.NOT_FOUND) {
                return true;
            }
            api.recordEvent(cronJob, CronJobEvent.failedDelete(e.getMessage()), now);
            return false;
        }
    }

    private static boolean controlledBy(Job job, CronJob cronJob) {
        return ChildJobs.controllerOf(job).map(ref -> Objects.equals(ref.getUid(), cronJob.getMetadata().getUid()))
                .orElse(false);
    }
}
