package io.batchplane.apiserver.registry;

import io.batchplane.api.Labels;
import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The batch/v1 Job registry rules: defaulting and selector generation on create, a fresh status,
 * generated-selector and spec validation, immutability on update (see {@link JobUpdateRules}), and
 * the status-subresource rules of {@link JobStatusValidation}.
 */
public final class JobStrategy implements ResourceStrategy<Job> {

    @Override
    public ResourceType type() {
        return ResourceType.JOBS;
    }

    @Override
    public Class<Job> modelClass() {
        return Job.class;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(Job job) {
        JobDefaults.apply(job);
        JobDefaults.generateSelector(job);
        job.setStatus(new JobStatus());
    }

    @Override
    public List<StatusCause> validate(Job job) {
        return validateJob(job, true);
    }

    /**
     * The checks create and update share: generated-selector labels (the {@code batch.kubernetes.io/}
     * ones only when required), spec and selector, and the hostname of the last Indexed pod.
     */
    static List<StatusCause> validateJob(Job job, boolean requirePrefixedLabels) {
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        List<StatusCause> errs = generatedSelector(job, requirePrefixedLabels);
        errs.addAll(validateSpecWithSelector(job.getSpec()));
        JobSpec spec = job.getSpec();
        String name = job.getMetadata().getName();
        if ("Indexed".equals(spec.getCompletionMode()) && spec.getCompletions() != null && spec.getCompletions() > 0
                && name != null) {
            String hostname = name + "-" + (spec.getCompletions() - 1);
            if (!NameRules.dns1123Label(hostname).isEmpty()) {
                errs.add(FieldErrors.invalid("metadata.name", name,
                        "will not able to create pod with invalid DNS label: " + hostname));
            }
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(Job newJob, Job oldJob) {
        JobDefaults.apply(newJob);
        newJob.setStatus(oldJob.getStatus());
    }

    @Override
    public List<StatusCause> validateUpdate(Job newJob, Job oldJob) {
        List<StatusCause> errs = validateJob(newJob, JobUpdateRules.hadPrefixedLabels(oldJob));
        errs.addAll(JobUpdateRules.validate(newJob, oldJob));
        return errs;
    }

    @Override
    public void prepareForStatusUpdate(Job newJob, Job oldJob) {
        newJob.setSpec(oldJob.getSpec());
    }

    @Override
    public List<StatusCause> validateStatusUpdate(Job newJob, Job oldJob) {
        return JobStatusValidation.validate(newJob, oldJob);
    }

    @Override
    public boolean specChanged(Job newJob, Job oldJob) {
        return !Copies.sameJson(newJob.getSpec(), oldJob.getSpec());
    }

    /** A selector is required, must be well-formed, and must select the template's labels. */
    static List<StatusCause> validateSpecWithSelector(JobSpec spec) {
        List<StatusCause> errs = JobSpecValidation.validate(spec, "spec");
        if (spec.getSelector() == null) {
            errs.add(FieldErrors.required("spec.selector", ""));
        } else {
            errs.addAll(LabelSelectors.validate(spec.getSelector(), "spec.selector"));
        }
        if (LabelSelectors.convertible(spec.getSelector())) {
            Map<String, String> labels = spec.getTemplate().getMetadata() == null ? null
                    : spec.getTemplate().getMetadata().getLabels();
            if (!LabelSelectors.matches(spec.getSelector(), labels)) {
                errs.add(FieldErrors.invalid("spec.template.metadata.labels", labels,
                        "`selector` does not match template `labels`"));
            }
        }
        return errs;
    }

    /**
     * Unless the selector is manual, the template must carry the generated name and uid labels
     * (legacy ones always; {@code batch.kubernetes.io/} ones when required) and the selector must
     * select exactly what was generated.
     */
    static List<StatusCause> generatedSelector(Job job, boolean requirePrefixedLabels) {
        List<StatusCause> errs = new ArrayList<>();
        JobSpec spec = job.getSpec();
        JobDefaults.template(spec);
        if (Boolean.TRUE.equals(spec.getManualSelector()) || spec.getSelector() == null) {
            return errs;
        }
        String uid = Objects.requireNonNullElse(job.getMetadata().getUid(), "");
        String name = Objects.requireNonNullElse(job.getMetadata().getName(), "");
        if (uid.isEmpty()) {
            errs.add(FieldErrors.required("metadata.uid", ""));
        }
        Map<String, String> labels = spec.getTemplate().getMetadata().getLabels();
        Map<String, String> expected = new LinkedHashMap<>();
        hasLabel(errs, labels, Labels.LEGACY_CONTROLLER_UID, uid);
        hasLabel(errs, labels, Labels.LEGACY_JOB_NAME, name);
        if (requirePrefixedLabels) {
            hasLabel(errs, labels, Labels.CONTROLLER_UID, uid);
            hasLabel(errs, labels, Labels.JOB_NAME, name);
            expected.put(Labels.CONTROLLER_UID, uid);
            expected.put(Labels.JOB_NAME, name);
        }
        expected.put(Labels.LEGACY_CONTROLLER_UID, uid);
        expected.put(Labels.LEGACY_JOB_NAME, name);
        if (LabelSelectors.convertible(spec.getSelector()) && !LabelSelectors.matches(spec.getSelector(), expected)) {
            errs.add(FieldErrors.invalid("spec.selector", spec.getSelector(), "`selector` not auto-generated"));
        }
        return errs;
    }

    private static void hasLabel(List<StatusCause> errs, Map<String, String> labels, String key, String value) {
        String actual = labels == null ? null : labels.get(key);
        if (!value.equals(actual)) {
            errs.add(FieldErrors.required("spec.template.metadata.labels[" + key + "]", "must be '" + value + "'"));
        }
    }
}
