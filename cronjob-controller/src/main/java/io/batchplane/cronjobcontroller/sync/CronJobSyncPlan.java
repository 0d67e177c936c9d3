package io.batchplane.cronjobcontroller.sync;

import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one sync of a CronJob should do, in this order:
 * <ol>
 * <li>delete {@code historyDeletions} (finished Jobs beyond the history limits, oldest first);</li>
 * <li>delete {@code replaceDeletions} (Replace policy: the Jobs still active at the new
 * activation); if one fails, stop before creating;</li>
 * <li>create {@code creation}, then record it with {@link ActiveJobs#withStarted};</li>
 * <li>write the status when it changed: {@code status} (already reflecting the history deletions and
 * the reconciliation with the child Jobs) minus each replaced Job ({@link ActiveJobs#without}) plus
 * the started one;</li>
 * <li>record {@code events} (the decision's own; the actions' outcomes add their own events);</li>
 * <li>requeue after {@code requeueAfter}, if present.</li>
 * </ol>
 *
 * @param sawUnexpectedJob an unfinished child Job is missing from {@code active}: the CronJob read
 *     from the cache may be stale, so the caller should re-read it and decide again before acting
 */
public record CronJobSyncPlan(List<JobDeletion> historyDeletions, List<JobDeletion> replaceDeletions,
        Optional<JobCreation> creation, CronJobStatus status, boolean statusChanged, List<CronJobEvent> events,
        Optional<Duration> requeueAfter, boolean sawUnexpectedJob) {
}
