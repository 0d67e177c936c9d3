package io.batchplane.cronjobcontroller.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An event the controller records on a CronJob: type ({@code Normal}/{@code Warning}), reason and
 * message, worded as upstream's so that {@code kubectl describe cronjob} reads the same.
 */
public record CronJobEvent(String type, String reason, String message) {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static CronJobEvent unexpectedJob(String job) {
        return new CronJobEvent(WARNING, "UnexpectedJob", "Saw a job that the controller did not create or forgot: " + job);
    }

    static CronJobEvent sawCompletedJob(String job, String condition) {
        return new CronJobEvent(NORMAL, "SawCompletedJob", "Saw completed job: " + job + ", condition: " + condition);
    }

    static CronJobEvent missingJob(String job) {
        return new CronJobEvent(NORMAL, "MissingJob", "Active job went missing: " + job);
    }

    static CronJobEvent unknownTimeZone(String zone) {
        return new CronJobEvent(WARNING, "UnknownTimeZone",
                "invalid timeZone: \"" + zone + "\": unknown time zone " + zone);
    }

    static CronJobEvent unsupportedSchedule(String schedule) {
        return new CronJobEvent(WARNING, "UnsupportedSchedule", "CRON_TZ or TZ used in schedule \"" + schedule
                + "\" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/"
                + " for more details");
    }

    static CronJobEvent unparseableSchedule(String schedule, String error) {
        return new CronJobEvent(WARNING, "UnparseableSchedule", "unparseable schedule: \"" + schedule + "\" : " + error);
    }

    static CronJobEvent invalidSchedule(String schedule, String error) {
        return new CronJobEvent(WARNING, "InvalidSchedule", "invalid schedule: " + schedule + " : " + error);
    }

    static CronJobEvent tooManyMissedTimes() {
        return new CronJobEvent(WARNING, "TooManyMissedTimes",
                "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
    }

    static CronJobEvent missSchedule(Instant scheduledTime) {
        return new CronJobEvent(WARNING, "MissSchedule",
                "Missed scheduled time to start a job: " + RFC1123Z.format(scheduledTime));
    }

    static CronJobEvent jobAlreadyActive() {
        return new CronJobEvent(NORMAL, "JobAlreadyActive",
                "Not starting job because prior execution is running and concurrency policy is Forbid");
    }

    /** After the Job was created. */
    public static CronJobEvent successfulCreate(String job) {
        return new CronJobEvent(NORMAL, "SuccessfulCreate", "Created job " + job);
    }

    /** After creating the Job failed. */
    public static CronJobEvent failedCreate(String error) {
        return new CronJobEvent(WARNING, "FailedCreate", "Error creating job: " + error);
    }

    /** After a Job was deleted (history limit or Replace). */
    public static CronJobEvent successfulDelete(String job) {
        return new CronJobEvent(NORMAL, "SuccessfulDelete", "Deleted job " + job);
    }

    /** After deleting a Job failed. */
    public static CronJobEvent failedDelete(String error) {
        return new CronJobEvent(WARNING, "FailedDelete", "Deleted job: " + error);
    }
}
