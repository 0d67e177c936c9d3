package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Conditions;
import io.batchplane.jobcontroller.sync.SyncPlan.JobEvent;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * The Suspended condition of a running Job. Suspending sets Suspended=True (JobSuspended), emits {@code Suspended}
 * and clears {@code startTime}; resuming a Job that had been suspended sets it False (JobResumed), emits
 * {@code Resumed} and starts {@code startTime} afresh, because activeDeadlineSeconds counts continuous activity.
 * A Job created suspended gets no startTime until it is resumed (the caller only sets startTime for unsuspended
 * Jobs).
 *
 * <p>Clearing startTime while suspended is what upstream does since KEP-5440; it also keeps every write valid
 * under the strict status rule "startTime of an unsuspended Job never changes once set": the resume write moves
 * startTime from unset to now, never from one time to another.
 */
public final class SuspendTransition {
    private SuspendTransition() {
    }

    /** Updates {@code status} (a private copy) and appends the event of a transition, if there is one. */
    public static void apply(Job job, JobStatus status, List<JobEvent> events, Instant now) {
        if (JobFacts.isSuspended(job)) {
            if (JobConditions.ensure(status.getConditions(), Conditions.JOB_SUSPENDED, true,
                    JobConditions.REASON_SUSPENDED, JobConditions.MSG_SUSPENDED, now)) {
                events.add(JobEvent.normal("Suspended", JobConditions.MSG_SUSPENDED));
            }
            status.setStartTime(null);
        } else if (JobConditions.ensure(status.getConditions(), Conditions.JOB_SUSPENDED, false,
                JobConditions.REASON_RESUMED, JobConditions.MSG_RESUMED, now)) {
            events.add(JobEvent.normal("Resumed", JobConditions.MSG_RESUMED));
            status.setStartTime(Times.format(now));
        }
    }
}
