package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Annotations;
import io.batchplane.api.Finalizers;
import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Job's pod template into the pod to create: {@code generateName} {@code <job>-} (Indexed:
 * {@code <job>-<index>-}, the Job name cut so the prefix stays within 58 characters), the template's labels
 * (the API server already put {@code job-name}/{@code controller-uid} there) and annotations, a controller owner
 * reference to the Job that blocks owner deletion, and the tracking finalizer. Indexed pods also get the index
 * annotation and label, hostname {@code <job>-<index>}, env {@code JOB_COMPLETION_INDEX} (from the index label) in every container,
 * and with backoffLimitPerIndex the failure-count annotations.
 */
public final class PodFactory {
    public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    static final int MAX_GENERATED_NAME_PREFIX = 58;

    private PodFactory() {
    }

    /**
     * @param index         the completion index, or {@link PodFacts#NO_INDEX}
     * @param failureCounts {counted, ignored} failures of the index so far, or null when not tracked per index
     */
    public static Pod newPod(Job job, int index, int[] failureCounts) {
        PodTemplateSpec template = JobFacts.spec(job).getTemplate();
        ObjectMeta tm = template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        PodSpec spec = template == null || template.getSpec() == null ? new PodSpec() : new PodSpecBuilder(template.getSpec()).build();

        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(JobFacts.namespace(job));
        Map<String, String> labels = new LinkedHashMap<>(tm.getLabels() == null ? Map.of() : tm.getLabels());
        Map<String, String> annotations = new LinkedHashMap<>(tm.getAnnotations() == null ? Map.of() : tm.getAnnotations());
        List<String> finalizers = new ArrayList<>(tm.getFinalizers() == null ? List.of() : tm.getFinalizers());
        if (!finalizers.contains(Finalizers.JOB_TRACKING)) {
            finalizers.add(Finalizers.JOB_TRACKING);
        }
        meta.setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("batch/v1").withKind("Job")
                .withName(JobFacts.name(job)).withUid(JobFacts.uid(job))
                .withController(true).withBlockOwnerDeletion(true).build()));

        if (index == PodFacts.NO_INDEX) {
            meta.setGenerateName(JobFacts.name(job) + "-");
        } else {
            meta.setGenerateName(indexedGenerateName(JobFacts.name(job), index));
            annotations.put(Annotations.JOB_COMPLETION_INDEX, Integer.toString(index));
            labels.put(Labels.JOB_COMPLETION_INDEX, Integer.toString(index));
            spec.setHostname(JobFacts.name(job) + "-" + index);
            addIndexEnv(spec.getInitContainers());
            addIndexEnv(spec.getContainers());
            if (failureCounts != null) {
                annotations.put(Annotations.JOB_INDEX_FAILURE_COUNT, Integer.toString(failureCounts[0]));
                if (failureCounts[1] > 0) {
                    annotations.put(Annotations.JOB_INDEX_IGNORED_FAILURE_COUNT, Integer.toString(failureCounts[1]));
                }
            }
        }
        meta.setLabels(labels);
        meta.setAnnotations(annotations);
        meta.setFinalizers(finalizers);
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(meta);
        pod.setSpec(spec);
        return pod;
    }

    static String indexedGenerateName(String jobName, int index) {
        String suffix = "-" + index + "-";
        String prefix = jobName + suffix;
        if (prefix.length() > MAX_GENERATED_NAME_PREFIX) {
            prefix = jobName.substring(0, MAX_GENERATED_NAME_PREFIX - suffix.length()) + suffix;
        }
        return prefix;
    }

    private static void addIndexEnv(List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            List<EnvVar> env = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
            if (env.stream().noneMatch(e -> INDEX_ENV.equals(e.getName()))) {
                env.add(new EnvVarBuilder().withName(INDEX_ENV).withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.labels['" + Labels.JOB_COMPLETION_INDEX + "']")
                        .endFieldRef().endValueFrom().build());
            }
            c.setEnv(env);
        }
    }
}
