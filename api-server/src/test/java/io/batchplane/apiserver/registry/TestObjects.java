package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;

/** Valid objects as a user would submit them, and helpers to read validation results. */
final class TestObjects {

    static final String UID = "1a2b3c";

    private TestObjects() {
    }

    /** A Job as submitted: name, namespace and uid (set by the layer above), one container, OnFailure. */
    static Job job() {
        return new JobBuilder().withNewMetadata().withName("myjob").withNamespace("default").withUid(UID).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
                .withContainers(new ContainerBuilder().withName("abc").withImage("image").build())
                .withInitContainers(new ContainerBuilder().withName("def").withImage("image").build())
                .endSpec().endTemplate().endSpec().build();
    }

    static CronJob cronJob() {
        return new CronJobBuilder().withNewMetadata().withName("mycronjob").withNamespace("default").withUid(UID)
                .endMetadata().withNewSpec().withSchedule("*/5 * * * ?").withNewJobTemplate().withNewSpec()
                .withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
                .withContainers(new ContainerBuilder().withName("abc").withImage("image").build())
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }

    static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("mypod").withNamespace("default").withUid(UID).endMetadata()
                .withNewSpec().withContainers(new ContainerBuilder().withName("main").withImage("busybox:1.36").build())
                .endSpec().build();
    }

    static JobSpec spec(Job job) {
        return job.getSpec();
    }

    static PodSpec podSpec(Job job) {
        return job.getSpec().getTemplate().getSpec();
    }

    /** The causes' field paths, sorted, so tests compare them regardless of order. */
    static List<String> fields(List<StatusCause> causes) {
        return causes.stream().map(StatusCause::getField).sorted().toList();
    }

    static List<String> sorted(String... fields) {
        return java.util.Arrays.stream(fields).sorted().toList();
    }
}
