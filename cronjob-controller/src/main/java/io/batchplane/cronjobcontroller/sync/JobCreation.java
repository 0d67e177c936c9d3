package io.batchplane.cronjobcontroller.sync;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;

/** The Job to create for the activation at {@code scheduledTime}. */
public record JobCreation(Job job, Instant scheduledTime) {
}
