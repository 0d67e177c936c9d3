package io.batchplane.apiserver.registry;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The batch/v1 CronJob registry rules: defaults (Allow, not suspended, keep 3 successful and 1
 * failed Job), a fresh status on create, and validation of schedule syntax, time zone, deadlines,
 * history limits, concurrency policy and the Job template (whose selector is always generated).
 */
public final class CronJobStrategy implements ResourceStrategy<CronJob> {

    private static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");
    private static final Pattern TZ_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    @Override
    public ResourceType type() {
        return ResourceType.CRONJOBS;
    }

    @Override
    public Class<CronJob> modelClass() {
        return CronJob.class;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(CronJob cronJob) {
        applyDefaults(cronJob);
        cronJob.setStatus(new CronJobStatus());
    }

    /** SetDefaults_CronJob plus the core defaults of the Job template's pod template. */
    static void applyDefaults(CronJob cronJob) {
        if (cronJob.getSpec() == null) {
            cronJob.setSpec(new CronJobSpec());
        }
        CronJobSpec spec = cronJob.getSpec();
        if (spec.getConcurrencyPolicy() == null || spec.getConcurrencyPolicy().isEmpty()) {
            spec.setConcurrencyPolicy("Allow");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null) {
            spec.setSuccessfulJobsHistoryLimit(3);
        }
        if (spec.getFailedJobsHistoryLimit() == null) {
            spec.setFailedJobsHistoryLimit(1);
        }
        if (spec.getJobTemplate() == null) {
            spec.setJobTemplate(new JobTemplateSpec());
        }
        if (spec.getJobTemplate().getMetadata() == null) {
            spec.getJobTemplate().setMetadata(new ObjectMeta());
        }
        if (spec.getJobTemplate().getSpec() == null) {
            spec.getJobTemplate().setSpec(new JobSpec());
        }
        JobDefaults.conditionPatternDefaults(spec.getJobTemplate().getSpec());
        PodDefaults.applyPodSpec(JobDefaults.template(spec.getJobTemplate().getSpec()).getSpec());
    }

    @Override
    public List<StatusCause> validate(CronJob cronJob) {
        applyDefaultsIfMissing(cronJob);
        return validateSpec(cronJob.getSpec(), null);
    }

    @Override
    public void prepareForUpdate(CronJob newObj, CronJob oldObj) {
        applyDefaults(newObj);
        newObj.setStatus(oldObj.getStatus());
    }

    @Override
    public List<StatusCause> validateUpdate(CronJob newObj, CronJob oldObj) {
        applyDefaultsIfMissing(newObj);
        return validateSpec(newObj.getSpec(), oldObj.getSpec());
    }

    @Override
    public void prepareForStatusUpdate(CronJob newObj, CronJob oldObj) {
        newObj.setSpec(oldObj.getSpec());
    }

    @Override
    public List<StatusCause> validateStatusUpdate(CronJob newObj, CronJob oldObj) {
        return new ArrayList<>();
    }

    @Override
    public boolean specChanged(CronJob newObj, CronJob oldObj) {
        return !Copies.sameJson(newObj.getSpec(), oldObj.getSpec());
    }

    /**
     * Validates a CronJob spec; on update ({@code old} non-null) a schedule that already used TZ may
     * keep it and an unchanged time zone is not re-checked, so existing objects stay updatable.
     */
    static List<StatusCause> validateSpec(CronJobSpec spec, CronJobSpec old) {
        List<StatusCause> errs = new ArrayList<>();
        String schedule = spec.getSchedule();
        if (schedule == null || schedule.isEmpty()) {
            errs.add(FieldErrors.required("spec.schedule", ""));
        } else {
            boolean allowTz = old != null && old.getSchedule() != null && old.getSchedule().contains("TZ");
            CronScheduleSyntax.check(schedule)
                    .ifPresent(msg -> errs.add(FieldErrors.invalid("spec.schedule", schedule, msg)));
            if (allowTz && schedule.contains("TZ") && spec.getTimeZone() != null) {
                errs.add(FieldErrors.invalid("spec.schedule", schedule,
                        "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
            } else if (!allowTz && schedule.contains("TZ")) {
                errs.add(FieldErrors.invalid("spec.schedule", schedule,
                        "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
            }
        }
        if (spec.getStartingDeadlineSeconds() != null && spec.getStartingDeadlineSeconds() < 0) {
            errs.add(FieldErrors.nonNegative("spec.startingDeadlineSeconds", spec.getStartingDeadlineSeconds()));
        }
        if (old == null || !Objects.equals(old.getTimeZone(), spec.getTimeZone())) {
            errs.addAll(validateTimeZone(spec.getTimeZone()));
        }
        String policy = spec.getConcurrencyPolicy() == null ? "" : spec.getConcurrencyPolicy();
        if (policy.isEmpty()) {
            errs.add(FieldErrors.required("spec.concurrencyPolicy", ""));
        } else if (!CONCURRENCY_POLICIES.contains(policy)) {
            errs.add(FieldErrors.notSupported("spec.concurrencyPolicy", policy, CONCURRENCY_POLICIES));
        }
        errs.addAll(validateJobTemplate(spec.getJobTemplate()));
        if (spec.getSuccessfulJobsHistoryLimit() != null && spec.getSuccessfulJobsHistoryLimit() < 0) {
            errs.add(FieldErrors.nonNegative("spec.successfulJobsHistoryLimit", spec.getSuccessfulJobsHistoryLimit()));
        }
        if (spec.getFailedJobsHistoryLimit() != null && spec.getFailedJobsHistoryLimit() < 0) {
            errs.add(FieldErrors.nonNegative("spec.failedJobsHistoryLimit", spec.getFailedJobsHistoryLimit()));
        }
        return errs;
    }

    private static List<StatusCause> validateJobTemplate(JobTemplateSpec template) {
        String path = "spec.jobTemplate";
        List<StatusCause> errs = new ArrayList<>();
        if (template.getMetadata() != null) {
            errs.addAll(ObjectMetaValidation.validateLabels(template.getMetadata().getLabels(), path + ".metadata.labels"));
            errs.addAll(ObjectMetaValidation.validateAnnotations(template.getMetadata().getAnnotations(),
                    path + ".metadata.annotations"));
        }
        JobSpec spec = template.getSpec();
        errs.addAll(JobSpecValidation.validate(spec, path + ".spec"));
        if (spec.getSelector() != null) {
            errs.add(FieldErrors.invalid(path + ".spec.selector", spec.getSelector(), "`selector` will be auto-generated"));
        }
        if (Boolean.TRUE.equals(spec.getManualSelector())) {
            errs.add(FieldErrors.notSupported(path + ".spec.manualSelector", true, List.of("nil", "false")));
        }
        return errs;
    }

    /** An IANA zone name that this JVM knows; not empty, not "Local", not a bare offset. */
    static List<StatusCause> validateTimeZone(String tz) {
        List<StatusCause> errs = new ArrayList<>();
        String path = "spec.timeZone";
        if (tz == null) {
            return errs;
        }
        if (tz.isEmpty()) {
            errs.add(FieldErrors.invalid(path, tz, "timeZone must be nil or non-empty string"));
            return errs;
        }
        for (String part : tz.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TZ_PART.matcher(part).matches()) {
                errs.add(FieldErrors.invalid(path, tz, "unknown time zone " + tz));
                return errs;
            }
        }
        if (tz.equalsIgnoreCase("Local")) {
            errs.add(FieldErrors.invalid(path, tz,
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }
        if (!tz.equals("Local") && !ZONES.contains(tz)) {
            errs.add(FieldErrors.invalid(path, tz, "unknown time zone " + tz));
        }
        return errs;
    }

    private static void applyDefaultsIfMissing(CronJob cronJob) {
        if (cronJob.getSpec() == null || cronJob.getSpec().getJobTemplate() == null
                || cronJob.getSpec().getJobTemplate().getSpec() == null) {
            applyDefaults(cronJob);
        }
    }
}
