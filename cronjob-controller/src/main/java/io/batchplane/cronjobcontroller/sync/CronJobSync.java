package io.batchplane.cronjobcontroller.sync;

import io.batchplane.cronjobcontroller.schedule.CronParseException;
import io.batchplane.cronjobcontroller.schedule.CronParser;
import io.batchplane.cronjobcontroller.schedule.CronSchedule;
import io.batchplane.cronjobcontroller.schedule.MissedSchedules;
import io.batchplane.cronjobcontroller.schedule.TimeZones;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CronJob controller's decision: given a CronJob, the Jobs it controls (see {@link ChildJobs})
 * and the current time, what to delete, what to create, how the status changes, which events to
 * record and when to look again. No I/O and no clock: everything comes in as arguments.
 *
 * <p>The rules are upstream's: finished history beyond the limits is cleaned oldest first; finished
 * Jobs leave {@code active} and a Complete one advances {@code lastSuccessfulTime}; active
 * references whose Job no longer exists are dropped; a CronJob being deleted, with an unknown time
 * zone or suspended starts nothing (suspension only holds back future activations: nothing running
 * is stopped, and activations missed while suspended fall to the starting deadline on resume); the
 * most recent activation is started unless it is past {@code startingDeadlineSeconds}, already
 * started, or Forbid finds a Job still active; Replace deletes the active Jobs first. The next look
 * is at the next activation plus {@link #NEXT_SCHEDULE_DELTA}.
 */
public final class CronJobSync {

    /** Slack added to each requeue so a slightly early wake-up still finds its activation due. */
    public static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);

    private CronJobSync() {
    }

    /**
     * Decides one sync.
     *
     * @param children the Jobs the CronJob controls; a Job named in {@code status.active} but absent
     *     here is taken to be gone, so callers should confirm such absences with the API server first
     * @param localZone the zone of schedules whose CronJob sets no {@code timeZone}
     */
    public static CronJobSyncPlan decide(CronJob cronJob, List<Job> children, Instant now, ZoneId localZone) {
        CronJobSpec spec = cronJob.getSpec();
        String namespace = cronJob.getMetadata().getNamespace();
        CronJobStatus status = ActiveJobs.copy(cronJob.getStatus());
        List<CronJobEvent> events = new ArrayList<>();
        boolean changed = false;
        boolean unexpected = false;

        List<JobDeletion> history = new ArrayList<>();
        for (Job job : HistoryCleanup.select(spec, children)) {
            history.add(new JobDeletion(job.getMetadata().getName(), job.getMetadata().getUid()));
            status = ActiveJobs.without(status, job.getMetadata().getUid());
            changed = true;
        }

        Set<String> childUids = new HashSet<>();
        for (Job job : children) {
            String uid = job.getMetadata().getUid();
            childUids.add(uid);
            boolean found = ActiveJobs.contains(status, uid);
            Optional<String> finished = JobConditions.finishedType(job);
            if (!found && finished.isEmpty()) {
                events.add(CronJobEvent.unexpectedJob(job.getMetadata().getName()));
                unexpected = true;
            } else if (finished.isPresent()) {
                if (found) {
                    status = ActiveJobs.without(status, uid);
                    events.add(CronJobEvent.sawCompletedJob(job.getMetadata().getName(), finished.get()));
                    changed = true;
                }
                if (JobConditions.COMPLETE.equals(finished.get()) && advancesLastSuccess(status, job)) {
                    status.setLastSuccessfulTime(job.getStatus().getCompletionTime());
                    changed = true;
                }
            }
        }
        for (ObjectReference ref : List.copyOf(status.getActive())) {
            if (!childUids.contains(ref.getUid())) {
                events.add(CronJobEvent.missingJob(ref.getName()));
                status = ActiveJobs.without(status, ref.getUid());
                changed = true;
            }
        }

        Outcome outcome = new Outcome(history, status, changed, events, unexpected);
        if (cronJob.getMetadata().getDeletionTimestamp() != null) {
            return outcome.idle();
        }
        ZoneId specZone = null;
        if (spec.getTimeZone() != null) {
            Optional<ZoneId> zone = TimeZones.load(spec.getTimeZone());
            if (zone.isEmpty()) {
                events.add(CronJobEvent.unknownTimeZone(spec.getTimeZone()));
                return outcome.idle();
            }
            specZone = zone.get();
        }
        if (Boolean.TRUE.equals(spec.getSuspend())) {
            return outcome.idle();
        }
        if (spec.getSchedule().contains("TZ")) {
            events.add(CronJobEvent.unsupportedSchedule(spec.getSchedule()));
        }
        CronSchedule schedule;
        try {
            schedule = CronParser.parse(spec.getSchedule(), specZone != null ? specZone : localZone);
        } catch (CronParseException e) {
            events.add(CronJobEvent.unparseableSchedule(spec.getSchedule(), e.getMessage()));
            return outcome.idle();
        }

        Long deadline = spec.getStartingDeadlineSeconds();
        Instant earliest = lastScheduleOrCreation(cronJob, status, now);
        if (deadline != null && now.minusSeconds(deadline).isAfter(earliest)) {
            earliest = now.minusSeconds(deadline);
        }
        MissedSchedules missed;
        try {
            missed = MissedSchedules.compute(earliest, now, schedule);
        } catch (CronParseException e) {
            events.add(CronJobEvent.invalidSchedule(spec.getSchedule(), e.getMessage()));
            return outcome.idle();
        }
        if (missed.mostRecent().isEmpty()) {
            return outcome.requeue(requeueDelay(cronJob, status, now, schedule));
        }
        Instant scheduled = missed.mostRecent().get();
        if (missed.missed() == MissedSchedules.Missed.MANY) {
            events.add(CronJobEvent.tooManyMissedTimes());
        }
        if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
            events.add(CronJobEvent.missSchedule(scheduled));
            return outcome.requeue(requeueDelay(cronJob, status, now, schedule));
        }
        String jobName = JobTemplates.jobName(cronJob.getMetadata().getName(), scheduled);
        if (ActiveJobs.containsName(status, namespace, jobName) || scheduled.equals(Times.parse(status.getLastScheduleTime()))) {
            return outcome.requeue(requeueDelay(cronJob, status, now, schedule));
        }
        String policy = spec.getConcurrencyPolicy() == null ? "Allow" : spec.getConcurrencyPolicy();
        if ("Forbid".equals(policy) && !status.getActive().isEmpty()) {
            events.add(CronJobEvent.jobAlreadyActive());
            return outcome.requeue(requeueDelay(cronJob, status, now, schedule));
        }
        List<JobDeletion> replaced = new ArrayList<>();
        if ("Replace".equals(policy)) {
            for (ObjectReference ref : status.getActive()) {
                replaced.add(new JobDeletion(ref.getName(), ref.getUid()));
            }
        }
        JobCreation creation = new JobCreation(JobTemplates.build(cronJob, scheduled, specZone), scheduled);
        CronJobStatus afterStart = ActiveJobs.copy(status);
        afterStart.setLastScheduleTime(Times.format(scheduled));
        return new CronJobSyncPlan(history, replaced, Optional.of(creation), status, changed, events,
                requeueDelay(cronJob, afterStart, now, schedule), unexpected);
    }

    /**
     * When to look at a CronJob whose schedule or time zone just changed: at its next activation
     * under the new schedule (as upstream, rather than at once, so a change does not start an
     * activation the old schedule never had). Empty when the schedule or zone is unusable; the sync
     * then reports why.
     */
    public static Optional<Duration> requeueAfterScheduleChange(CronJob cronJob, Instant now, ZoneId localZone) {
        CronJobSpec spec = cronJob.getSpec();
        ZoneId zone = localZone;
        if (spec.getTimeZone() != null) {
            Optional<ZoneId> named = TimeZones.load(spec.getTimeZone());
            if (named.isEmpty()) {
                return Optional.empty();
            }
            zone = named.get();
        }
        try {
            CronSchedule schedule = CronParser.parse(spec.getSchedule(), zone);
            return requeueDelay(cronJob, ActiveJobs.copy(cronJob.getStatus()), now, schedule);
        } catch (CronParseException e) {
            return Optional.empty();
        }
    }

    /**
     * How long until the activation after the last one handled (or after {@code now} when
     * activations were missed), plus {@link #NEXT_SCHEDULE_DELTA}; empty when there is none.
     */
    static Optional<Duration> requeueDelay(CronJob cronJob, CronJobStatus status, Instant now, CronSchedule schedule) {
        Instant from;
        try {
            MissedSchedules m = MissedSchedules.compute(lastScheduleOrCreation(cronJob, status, now), now, schedule);
            if (m.mostRecent().isPresent()) {
                from = m.mostRecent().get();
            } else {
                from = m.missed() == MissedSchedules.Missed.NONE ? m.earliest() : now;
            }
        } catch (CronParseException e) {
            from = now;
        }
        return schedule.next(from).map(next -> Duration.between(now, next.plus(NEXT_SCHEDULE_DELTA)));
    }

    private static Instant lastScheduleOrCreation(CronJob cronJob, CronJobStatus status, Instant now) {
        Instant last = Times.parse(status.getLastScheduleTime());
        if (last != null) {
            return last;
        }
        Instant created = Times.parse(cronJob.getMetadata().getCreationTimestamp());
        return created != null ? created : now;
    }

    private static boolean advancesLastSuccess(CronJobStatus status, Job job) {
        Instant completed = Times.parse(job.getStatus().getCompletionTime());
        Instant last = Times.parse(status.getLastSuccessfulTime());
        return completed != null && (last == null || completed.isAfter(last));
    }

    /** The part of the plan settled before scheduling: cleanup, reconciliation, events so far. */
    private record Outcome(List<JobDeletion> history, CronJobStatus status, boolean changed, List<CronJobEvent> events,
            boolean unexpected) {

        CronJobSyncPlan idle() {
            return new CronJobSyncPlan(history, List.of(), Optional.empty(), status, changed, events, Optional.empty(),
                    unexpected);
        }

        CronJobSyncPlan requeue(Optional<Duration> after) {
            return new CronJobSyncPlan(history, List.of(), Optional.empty(), status, changed, events, after, unexpected);
        }
    }
}
