package io.batchplane.apiserver.registry;

import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * batch/v1 Job defaulting ({@code SetDefaults_Job} plus the pod template's core defaults) and the
 * selector generation the Job registry does on create.
 */
public final class JobDefaults {

    private JobDefaults() {
    }

    /**
     * Defaults a Job: both completions and parallelism unset mean one pod (1/1); parallelism alone
     * means a work queue (completions stays unset); backoffLimit is 6, or unlimited with
     * backoffLimitPerIndex; NonIndexed; not suspended; manualSelector false; podReplacementPolicy Failed with a
     * podFailurePolicy, else TerminatingOrFailed; the Job takes its template's labels if it has none.
     */
    public static void apply(Job job) {
        if (job.getMetadata() == null) {
            job.setMetadata(new ObjectMeta());
        }
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        JobSpec spec = job.getSpec();
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
            spec.setParallelism(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
        }
        PodTemplateSpec template = template(spec);
        Map<String, String> templateLabels = template.getMetadata().getLabels();
        Map<String, String> labels = job.getMetadata().getLabels();
        if (templateLabels != null && !templateLabels.isEmpty() && (labels == null || labels.isEmpty())) {
            job.getMetadata().setLabels(new LinkedHashMap<>(templateLabels));
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode("NonIndexed");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        conditionPatternDefaults(spec);
        if (spec.getPodReplacementPolicy() == null) {
            spec.setPodReplacementPolicy(spec.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
        }
        if (spec.getManualSelector() == null) {
            spec.setManualSelector(false);
        }
        PodDefaults.applyPodSpec(template.getSpec());
    }

    /** A pod failure policy's condition pattern without a status matches status True. */
    static void conditionPatternDefaults(JobSpec spec) {
        if (spec.getPodFailurePolicy() == null || spec.getPodFailurePolicy().getRules() == null) {
            return;
        }
        for (PodFailurePolicyRule rule : spec.getPodFailurePolicy().getRules()) {
            if (rule.getOnPodConditions() == null) {
                continue;
            }
            for (PodFailurePolicyOnPodConditionsPattern p : rule.getOnPodConditions()) {
                if (p.getStatus() == null || p.getStatus().isEmpty()) {
                    p.setStatus("True");
                }
            }
        }
    }

    /**
     * Unless the user manages the selector, labels the template with the Job's name and uid (legacy
     * and {@code batch.kubernetes.io/} keys, keeping values the user set so validation can reject
     * conflicts) and selects on {@code batch.kubernetes.io/controller-uid}.
     */
    public static void generateSelector(Job job) {
        if (Boolean.TRUE.equals(job.getSpec().getManualSelector())) {
            return;
        }
        String name = job.getMetadata().getName();
        String uid = job.getMetadata().getUid();
        ObjectMeta tm = template(job.getSpec()).getMetadata();
        Map<String, String> labels = tm.getLabels() == null ? new LinkedHashMap<>() : tm.getLabels();
        labels.putIfAbsent(Labels.LEGACY_JOB_NAME, name);
        labels.putIfAbsent(Labels.JOB_NAME, name);
        labels.putIfAbsent(Labels.LEGACY_CONTROLLER_UID, uid);
        labels.putIfAbsent(Labels.CONTROLLER_UID, uid);
        tm.setLabels(labels);
        LabelSelector selector = job.getSpec().getSelector();
        if (selector == null) {
            selector = new LabelSelector();
            job.getSpec().setSelector(selector);
        }
        Map<String, String> match = selector.getMatchLabels() == null ? new LinkedHashMap<>() : selector.getMatchLabels();
        match.putIfAbsent(Labels.CONTROLLER_UID, uid);
        selector.setMatchLabels(match);
    }

    static PodTemplateSpec template(JobSpec spec) {
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        PodTemplateSpec t = spec.getTemplate();
        if (t.getMetadata() == null) {
            t.setMetadata(new ObjectMeta());
        }
        if (t.getSpec() == null) {
            t.setSpec(new PodSpec());
        }
        return t;
    }
}
