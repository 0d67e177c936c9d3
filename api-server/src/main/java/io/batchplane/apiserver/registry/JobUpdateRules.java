package io.batchplane.apiserver.registry;

import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a Job update may change. Selector, completionMode, podFailurePolicy, backoffLimitPerIndex,
 * successPolicy and managedBy are immutable. Completions are immutable except that an Indexed Job
 * may scale completions together with parallelism (elastic Indexed Jobs). The pod template is
 * immutable, except that a suspended Job that never started may change its scheduling directives
 * (node affinity, nodeSelector, tolerations, schedulingGates) and template labels and annotations,
 * so queueing controllers can place it before it runs.
 */
final class JobUpdateRules {

    private JobUpdateRules() {
    }

    static List<StatusCause> validate(Job newJob, Job oldJob) {
        JobSpec spec = newJob.getSpec();
        JobSpec old = oldJob.getSpec();
        List<StatusCause> errs = new ArrayList<>();
        completions(spec, old, errs);
        immutable(errs, "spec.selector", spec.getSelector(), old.getSelector());
        template(newJob, oldJob, errs);
        immutable(errs, "spec.completionMode", spec.getCompletionMode(), old.getCompletionMode());
        immutable(errs, "spec.podFailurePolicy", spec.getPodFailurePolicy(), old.getPodFailurePolicy());
        immutable(errs, "spec.backoffLimitPerIndex", spec.getBackoffLimitPerIndex(), old.getBackoffLimitPerIndex());
        immutable(errs, "spec.managedBy", spec.getManagedBy(), old.getManagedBy());
        immutable(errs, "spec.successPolicy", spec.getSuccessPolicy(), old.getSuccessPolicy());
        return errs;
    }

    /**
     * Jobs created before the {@code batch.kubernetes.io/} labels existed stay updatable: those labels
     * are required on update only if the stored Job already has them.
     */
    static boolean hadPrefixedLabels(Job oldJob) {
        PodTemplateSpec t = oldJob.getSpec() == null ? null : oldJob.getSpec().getTemplate();
        Map<String, String> labels = t == null || t.getMetadata() == null ? Map.of()
                : Objects.requireNonNullElse(t.getMetadata().getLabels(), Map.of());
        return labels.containsKey(Labels.JOB_NAME) && labels.containsKey(Labels.CONTROLLER_UID);
    }

    private static void completions(JobSpec spec, JobSpec old, List<StatusCause> errs) {
        if (!"Indexed".equals(spec.getCompletionMode())) {
            immutable(errs, "spec.completions", spec.getCompletions(), old.getCompletions());
            return;
        }
        if (Objects.equals(spec.getCompletions(), old.getCompletions()) || spec.getCompletions() == null) {
            return;
        }
        if (!spec.getCompletions().equals(spec.getParallelism())) {
            errs.add(FieldErrors.invalid("spec.completions", spec.getCompletions(),
                    "can only be modified in tandem with spec.parallelism"));
        }
    }

    private static void template(Job newJob, Job oldJob, List<StatusCause> errs) {
        PodTemplateSpec template = newJob.getSpec().getTemplate();
        PodTemplateSpec old = Copies.deepCopy(oldJob.getSpec().getTemplate(), PodTemplateSpec.class);
        boolean suspended = Boolean.TRUE.equals(oldJob.getSpec().getSuspend());
        boolean neverStarted = oldJob.getStatus() == null || oldJob.getStatus().getStartTime() == null;
        if (suspended && neverStarted) {
            Affinity affinity = template.getSpec().getAffinity();
            Affinity oldAffinity = old.getSpec().getAffinity();
            if (affinity == null && oldAffinity != null) {
                oldAffinity.setNodeAffinity(null);
                if (oldAffinity.getPodAffinity() == null && oldAffinity.getPodAntiAffinity() == null) {
                    old.getSpec().setAffinity(null);
                }
            } else if (affinity != null && oldAffinity == null) {
                Affinity onlyNode = new Affinity();
                onlyNode.setNodeAffinity(affinity.getNodeAffinity());
                old.getSpec().setAffinity(onlyNode);
            } else if (affinity != null) {
                oldAffinity.setNodeAffinity(affinity.getNodeAffinity());
            }
            old.getSpec().setNodeSelector(template.getSpec().getNodeSelector());
            old.getSpec().setTolerations(template.getSpec().getTolerations());
            old.getSpec().setSchedulingGates(template.getSpec().getSchedulingGates());
            old.getMetadata().setLabels(template.getMetadata().getLabels());
            old.getMetadata().setAnnotations(template.getMetadata().getAnnotations());
        }
        if (!Copies.sameJson(template, old)) {
            errs.add(FieldErrors.invalidOmitValue("spec.template", FieldErrors.IMMUTABLE));
        }
    }

    private static void immutable(List<StatusCause> errs, String path, Object value, Object old) {
        if (!Copies.sameJson(value, old)) {
            errs.add(FieldErrors.immutable(path, value));
        }
    }
}
