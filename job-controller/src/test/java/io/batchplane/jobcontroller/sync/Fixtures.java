package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Annotations;
import io.batchplane.api.Finalizers;
import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Compact builders for the Jobs and pods of the decision tables. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {
    }

    /** A defaulted NonIndexed Job "job" in namespace "ns", restartPolicy Never, labels as the API server sets them. */
    static JobBuilder job() {
        Map<String, String> labels = Map.of(Labels.JOB_NAME, "job", Labels.LEGACY_JOB_NAME, "job",
                Labels.CONTROLLER_UID, "job-uid", Labels.LEGACY_CONTROLLER_UID, "job-uid");
        return new JobBuilder()
                .withNewMetadata().withName("job").withNamespace("ns").withUid("job-uid").endMetadata()
                .withNewSpec().withParallelism(1).withCompletions(1).withBackoffLimit(6).withCompletionMode("NonIndexed")
                .withPodReplacementPolicy("TerminatingOrFailed").withSuspend(false)
                .withNewSelector().withMatchLabels(Map.of(Labels.CONTROLLER_UID, "job-uid")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("main").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().endStatus();
    }

    static JobBuilder indexedJob(int completions, int parallelism) {
        return job().editSpec().withCompletionMode("Indexed").withCompletions(completions).withParallelism(parallelism).endSpec();
    }

    static JobCondition condition(String type, String status, String reason) {
        return JobConditions.newCondition(type, "True".equals(status), reason, "", NOW.minusSeconds(60));
    }

    static P pod(String phase) {
        return new P(phase);
    }

    /** A pod of "job", tracked (finalizer) unless told otherwise. */
    static final class P {
        private final String phase;
        private final String uid;
        private String name;
        private boolean finalizer = true;
        private boolean ready;
        private Integer index;
        private String deletion;
        private String node = "node-1";
        private final Map<String, String> annotations = new HashMap<>();
        private final List<ContainerStatus> containers = new ArrayList<>();
        private final List<PodCondition> conditions = new ArrayList<>();
        private String created = NOW.minusSeconds(600).toString();

        P(String phase) {
            this.phase = phase;
            int n = SEQ.incrementAndGet();
            this.uid = "uid-" + n;
            this.name = "job-" + n;
        }

        P name(String name) {
            this.name = name;
            return this;
        }

        P untracked() {
            finalizer = false;
            return this;
        }

        P ready() {
            ready = true;
            return this;
        }

        P index(int index) {
            this.index = index;
            return this;
        }

        P annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        P failureCount(int count) {
            return annotation(Annotations.JOB_INDEX_FAILURE_COUNT, Integer.toString(count));
        }

        P deleting() {
            deletion = NOW.minusSeconds(5).toString();
            return this;
        }

        P unscheduled() {
            node = null;
            return this;
        }

        P created(Instant at) {
            created = at.toString();
            return this;
        }

        P exit(String container, int code) {
            return exitAt(container, code, NOW.minusSeconds(30));
        }

        P exitAt(String container, int code, Instant finished) {
            containers.add(new ContainerStatusBuilder().withName(container).withRestartCount(0)
                    .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(code)
                            .withFinishedAt(finished.toString()).endTerminated().build()).build());
            return this;
        }

        P restarts(int count) {
            containers.add(new ContainerStatusBuilder().withName("c" + containers.size()).withRestartCount(count)
                    .withState(new ContainerStateBuilder().withNewRunning().endRunning().build()).build());
            return this;
        }

        P condition(String type, String status) {
            conditions.add(new PodConditionBuilder().withType(type).withStatus(status).build());
            return this;
        }

        Pod build() {
            Map<String, String> ann = new HashMap<>(annotations);
            Map<String, String> labels = new HashMap<>(Map.of(Labels.CONTROLLER_UID, "job-uid"));
            if (index != null) {
                ann.put(Annotations.JOB_COMPLETION_INDEX, Integer.toString(index));
                labels.put(Labels.JOB_COMPLETION_INDEX, Integer.toString(index));
            }
            List<PodCondition> conds = new ArrayList<>(conditions);
            conds.add(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                    .withLastTransitionTime(NOW.minusSeconds(100).toString()).build());
            return new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace("ns").withUid(uid).withLabels(labels)
                    .withAnnotations(ann).withFinalizers(finalizer ? List.of(Finalizers.JOB_TRACKING) : List.of())
                    .withDeletionTimestamp(deletion).withCreationTimestamp(created)
                    .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName("job").withUid("job-uid")
                    .withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                    .endMetadata()
                    .withNewSpec().withNodeName(node).endSpec()
                    .withNewStatus().withPhase(phase).withContainerStatuses(containers).withConditions(conds).endStatus()
                    .build();
        }
    }

    static List<Pod> pods(P... builders) {
        List<Pod> result = new ArrayList<>();
        for (P p : builders) {
            result.add(p.build());
        }
        return result;
    }

    /** n pods with the given phase (and readiness for running ones). */
    static List<Pod> many(int n, String phase, boolean ready) {
        List<Pod> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            P p = pod(phase);
            if (ready) {
                p.ready();
            }
            result.add(p.build());
        }
        return result;
    }
}
