package io.batchplane.cronjobcontroller.sync;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Optional;

/** Reads a Job's terminal state from its conditions, as upstream: {@code Complete} or {@code Failed} with status True. */
final class JobConditions {

    static final String COMPLETE = "Complete";
    static final String FAILED = "Failed";

    private JobConditions() {
    }

    /** {@code Complete} or {@code Failed} when the Job has finished, else empty. */
    static Optional<String> finishedType(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if ((COMPLETE.equals(c.getType()) || FAILED.equals(c.getType())) && "True".equals(c.getStatus())) {
                return Optional.of(c.getType());
            }
        }
        return Optional.empty();
    }
}
