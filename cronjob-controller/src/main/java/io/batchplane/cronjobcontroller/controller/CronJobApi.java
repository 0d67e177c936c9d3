package io.batchplane.cronjobcontroller.controller;

import io.batchplane.cronjobcontroller.sync.CronJobEvent;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Optional;

/**
 * The API server calls the CronJob controller makes, behind an interface so that carrying out a
 * plan is tested without a server. Calls block; failures are {@link io.batchplane.api.ApiException}s.
 */
public interface CronJobApi {

    Optional<Job> getJob(String namespace, String name);

    Optional<CronJob> getCronJob(String namespace, String name);

    /** Creates {@code job}; AlreadyExists when an object of that name exists. */
    Job createJob(Job job);

    /** Deletes the Job if it still has {@code uid}, its pods following in the background. */
    void deleteJob(String namespace, String name, String uid);

    /** Writes {@code cronJob}'s status (compare-and-swap on its resourceVersion). */
    CronJob updateStatus(CronJob cronJob);

    /** Records {@code event} on {@code cronJob}; best effort, never throws. */
    void recordEvent(CronJob cronJob, CronJobEvent event, Instant now);
}
